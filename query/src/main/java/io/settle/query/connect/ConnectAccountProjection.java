package io.settle.query.connect;

import static io.settle.query.SqlTime.ts;

import io.settle.api.connect.ConnectEvents.ConnectAccountRegistered;
import io.settle.api.connect.ConnectEvents.ConnectAccountUpdated;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@code connect_accounts}: one row per provider, the latest state account.updated reported. Idempotent. */
@Component
@ProcessingGroup("connect-accounts")
public class ConnectAccountProjection {

    private final JdbcTemplate jdbc;

    public ConnectAccountProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ConnectAccountRegistered e, @Timestamp Instant at) {
        jdbc.update("""
                INSERT INTO connect_accounts (provider_id, account_id, status, country, email, created_at, updated_at)
                VALUES (?, ?, 'ONBOARDING', ?, ?, ?, ?) ON CONFLICT (provider_id) DO NOTHING""",
                e.providerId(), e.accountId(), e.country(), e.email(), ts(at), ts(at));
    }

    @EventHandler
    void on(ConnectAccountUpdated e, @Timestamp Instant at) {
        jdbc.update("""
                UPDATE connect_accounts SET status = ?, charges_enabled = ?, payouts_enabled = ?,
                  details_submitted = ?, currently_due = ?, past_due = ?, disabled_reason = ?, updated_at = ?
                WHERE provider_id = ?""",
                e.status().name(), e.chargesEnabled(), e.payoutsEnabled(), e.detailsSubmitted(),
                join(e.currentlyDue()), join(e.pastDue()), e.disabledReason(), ts(at), e.providerId());
    }

    @ResetHandler
    void reset() {
        jdbc.update("DELETE FROM connect_accounts");
    }

    private static String join(List<String> names) {
        return names == null ? "" : String.join(",", names);
    }
}
