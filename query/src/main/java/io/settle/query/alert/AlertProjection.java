package io.settle.query.alert;

import static io.settle.query.SqlTime.ts;

import io.settle.api.booking.BookingEvents.RefundFailed;
import io.settle.api.payout.PayoutEvents.PayoutFailed;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Things an operator must act on, listed at {@code GET /api/v1/admin/alerts} and logged at ERROR. */
@Component
@ProcessingGroup("alerts")
public class AlertProjection {

    private static final Logger log = LoggerFactory.getLogger(AlertProjection.class);

    private final JdbcTemplate jdbc;

    public AlertProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(RefundFailed e, @MessageIdentifier String eventId, @Timestamp Instant at, ReplayStatus replay) {
        String message = "Refund of " + e.amount() + " for booking " + e.bookingId() + " failed after "
                + e.attempts() + " attempt(s): " + e.reason();
        int inserted = jdbc.update("""
                INSERT INTO admin_alerts (event_id, type, severity, message, reference, created_at)
                VALUES (?, 'REFUND_FAILED', 'CRITICAL', ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""",
                eventId, message, e.bookingId(), ts(at));
        if (inserted == 1 && !replay.isReplay()) {
            log.error("ALERT {}", message);
        }
    }

    @EventHandler
    void on(PayoutFailed e, @MessageIdentifier String eventId, @Timestamp Instant at, ReplayStatus replay) {
        String message = "Payout " + e.payoutId() + " of " + e.amount() + " to " + e.userId() + " failed after "
                + e.attempts() + " attempt(s) (" + e.failureCode() + "): " + e.reason() + "; funds returned to available";
        int inserted = jdbc.update("""
                INSERT INTO admin_alerts (event_id, type, severity, message, reference, created_at)
                VALUES (?, 'PAYOUT_FAILED', 'CRITICAL', ?, ?, ?) ON CONFLICT (event_id) DO NOTHING""",
                eventId, truncate(message), e.payoutId(), ts(at));
        if (inserted == 1 && !replay.isReplay()) {
            log.error("ALERT {}", message);
        }
    }

    private static String truncate(String message) {
        return message.length() <= 2000 ? message : message.substring(0, 2000);
    }

    @ResetHandler
    void reset() {
        jdbc.execute("TRUNCATE admin_alerts RESTART IDENTITY");
    }
}
