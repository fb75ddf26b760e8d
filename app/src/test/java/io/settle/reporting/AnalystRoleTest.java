package io.settle.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.settle.booking.BookingIntegrationTest;
import io.settle.testsupport.Api;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/** settle_analyst reads the reporting views, and nothing else: not the event store, not the inbox. */
class AnalystRoleTest extends BookingIntegrationTest {

    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private Environment environment;

    @Test
    void the_analyst_role_reads_reporting_and_nothing_else() throws SQLException {
        String providerId = newId("prov");
        Api provider = as(providerId, "PROVIDER");
        String bookingId = book(as(newId("cust"), "CUSTOMER"), offering(provider, 3000), "pm_card_visa")
                .json().path("id").asText();
        awaitBooking(provider, bookingId, "RELEASED");
        jdbc.execute("ALTER ROLE settle_analyst LOGIN PASSWORD 'analyst-test-only'");

        // the embedded database's URL names its user in the query string, which would win over ours
        String url = environment.getProperty("spring.datasource.url").replaceFirst("\\?.*$", "");
        try (Connection analyst = DriverManager.getConnection(url, "settle_analyst", "analyst-test-only");
             Statement sql = analyst.createStatement()) {
            try (ResultSet rs = sql.executeQuery("SELECT current_user")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("settle_analyst");
            }
            try (ResultSet rs = sql.executeQuery("SELECT status, amount, platform_fee, provider_amount, currency "
                    + "FROM reporting.bookings WHERE booking_id = '" + bookingId + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("status")).isEqualTo("RELEASED");
                assertThat(rs.getLong("provider_amount")).isEqualTo(2700);
                assertThat(rs.getString("currency")).isEqualTo("usd");
            }
            try (ResultSet rs = sql.executeQuery("SELECT net, commission FROM reporting.earnings_daily "
                    + "WHERE provider_id = '" + providerId + "'")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong("net")).isEqualTo(2700);
                assertThat(rs.getLong("commission")).isEqualTo(300);
            }
            for (String view : new String[] {"ledger_entries", "wallet_balances", "wallet_transactions"}) {
                sql.executeQuery("SELECT * FROM reporting." + view + " LIMIT 1").close();
            }
            for (String forbidden : new String[] {"public.domain_event_entry", "public.stripe_webhook_inbox",
                    "public.bookings", "public.token_entry", "public.idempotency_keys"}) {
                assertThatThrownBy(() -> sql.executeQuery("SELECT * FROM " + forbidden + " LIMIT 1"))
                        .as(forbidden).hasMessageContaining("permission denied");
            }
            assertThatThrownBy(() -> sql.executeUpdate("UPDATE reporting.bookings SET status = 'X'"))
                    .hasMessageContaining("permission denied");
        } finally {
            jdbc.execute("ALTER ROLE settle_analyst NOLOGIN");
        }
    }
}
