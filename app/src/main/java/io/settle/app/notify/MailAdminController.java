package io.settle.app.notify;

import io.settle.app.web.ApiException;
import io.settle.app.web.ErrorCodes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The notification outbox for operators (and the operator console). Security allows only ADMIN here. */
@RestController
@Validated
@RequestMapping("/api/v1/admin/mail")
@Tag(name = "Admin", description = "Disputes, early releases, ledger check, alerts (ADMIN)")
public class MailAdminController {

    public enum Status {
        PENDING, SENDING, SENT, FAILED, SKIPPED
    }

    private final NotificationOutbox outbox;
    private final Clock clock;

    public MailAdminController(NotificationOutbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @GetMapping
    @Operation(summary = "Outbox rows, newest first: type, recipient, subject, status, attempts, last error, "
            + "created and sent times; page with before=<id of the last row>")
    public List<NotificationOutbox.Row> list(@RequestParam(required = false) Status status,
                                             @RequestParam(required = false) NotificationType type,
                                             @RequestParam(required = false) Long before,
                                             @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
        return outbox.list(status == null ? null : status.name(), type == null ? null : type.name(), before, limit);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One outbox row with its text and HTML bodies")
    public NotificationOutbox.Detail get(@PathVariable long id) {
        return outbox.find(id).orElseThrow(() -> ApiException.notFound("mail", Long.toString(id)));
    }

    @PostMapping("/{id}/resend")
    @Operation(summary = "Put a FAILED or SKIPPED mail back to PENDING with a fresh attempt budget; "
            + "409 CONFLICT in any other state")
    public NotificationOutbox.Row resend(@PathVariable long id) {
        NotificationOutbox.Detail mail = outbox.find(id).orElseThrow(() -> ApiException.notFound("mail", Long.toString(id)));
        if (!outbox.resend(id, clock.instant())) {
            throw new ApiException(HttpStatus.CONFLICT, ErrorCodes.CONFLICT,
                    "mail " + id + " is " + mail.row().status() + "; only FAILED or SKIPPED mail can be resent");
        }
        return outbox.find(id).orElseThrow().row();
    }
}
