package io.settle.query.connect;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class ConnectAccountQueries {

    public record Requirements(List<String> currentlyDue, List<String> pastDue, String disabledReason) {
    }

    public record ConnectAccountView(String providerId, String accountId, String status, boolean chargesEnabled,
                                     boolean payoutsEnabled, boolean detailsSubmitted, Requirements requirements) {

        public boolean canReceivePayouts() {
            return "ENABLED".equals(status) && payoutsEnabled;
        }
    }

    private final JdbcTemplate jdbc;

    public ConnectAccountQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<ConnectAccountView> ofProvider(String providerId) {
        return jdbc.query("SELECT * FROM connect_accounts WHERE provider_id = ?", (rs, i) -> new ConnectAccountView(
                rs.getString("provider_id"), rs.getString("account_id"), rs.getString("status"),
                rs.getBoolean("charges_enabled"), rs.getBoolean("payouts_enabled"), rs.getBoolean("details_submitted"),
                new Requirements(split(rs.getString("currently_due")), split(rs.getString("past_due")),
                        rs.getString("disabled_reason"))), providerId).stream().findFirst();
    }

    public Optional<String> providerOfAccount(String accountId) {
        return jdbc.queryForList("SELECT provider_id FROM connect_accounts WHERE account_id = ?", String.class,
                accountId).stream().findFirst();
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
