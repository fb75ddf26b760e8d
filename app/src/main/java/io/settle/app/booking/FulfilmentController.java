package io.settle.app.booking;

import io.settle.api.booking.BookingCommands.ReportFulfilmentFailure;
import io.settle.api.booking.BookingStatus;
import io.settle.app.axon.Commands;
import io.settle.app.booking.BookingController.Reason;
import io.settle.app.booking.BookingController.Transition;
import io.settle.app.security.CurrentUser;
import io.settle.app.security.Role;
import io.settle.app.web.ApiException;
import io.settle.app.web.ErrorCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The marketplace app reports that it could not fulfil a paid booking (e.g. its calendar booking failed):
 * the booking is refunded in full through the Refund saga, and both parties are notified.
 */
@RestController
@RequestMapping("/api/v1/bookings")
@Tag(name = "Bookings")
public class FulfilmentController {

    private final Commands commands;

    public FulfilmentController(Commands commands) {
        this.commands = commands;
    }

    @PostMapping("/{id}/fulfilment-failed")
    @Operation(summary = "Report that the marketplace could not fulfil a paid booking (ADMIN or SERVICE): full refund",
            description = "Allowed while the funds are held (PAID, IN_PROGRESS, COMPLETED); a repeat changes nothing. "
                    + "409 INVALID_STATE for a booking that is unpaid, released, cancelled, disputed or refunded; "
                    + "404 NOT_FOUND for an unknown booking. The answer's status is REFUND_PENDING; the refund "
                    + "itself runs asynchronously (booking.refunded webhook, refund email).")
    public Transition fulfilmentFailed(@PathVariable String id, @Valid @RequestBody Reason body) {
        CurrentUser user = CurrentUser.get();
        if (!user.has(Role.ADMIN) && !user.has(Role.SERVICE)) {
            throw new ApiException(HttpStatus.FORBIDDEN, ErrorCodes.FORBIDDEN, "This request needs the ADMIN or SERVICE role");
        }
        commands.send(new ReportFulfilmentFailure(id, user.id(), body.reason()));
        return new Transition(id, BookingStatus.REFUND_PENDING.name());
    }
}
