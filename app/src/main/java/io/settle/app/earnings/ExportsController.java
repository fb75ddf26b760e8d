package io.settle.app.earnings;

import io.settle.app.security.CurrentUser;
import io.settle.app.security.Role;
import io.settle.app.web.ApiException;
import io.settle.query.earnings.EarningsQueries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** CSV for finance (RFC 4180 via Apache Commons CSV), streamed row by row from the database. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Exports", description = "CSV exports and the yearly tax report")
public class ExportsController {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv; charset=UTF-8");

    private final JdbcTemplate jdbc;
    private final EarningsQueries earnings;
    private final Clock clock;

    public ExportsController(JdbcTemplate jdbc, EarningsQueries earnings, Clock clock) {
        this.jdbc = jdbc;
        this.earnings = earnings;
        this.clock = clock;
    }

    @GetMapping(value = "/exports/transactions.csv", produces = "text/csv")
    @Operation(summary = "Your wallet transactions as CSV (ADMIN: everyone's), amounts as decimals with currency")
    public ResponseEntity<StreamingResponseBody> transactions(@RequestParam(required = false) Instant from,
                                                              @RequestParam(required = false) Instant to) {
        CurrentUser user = CurrentUser.get();
        String userFilter = user.has(Role.ADMIN) ? null : user.id();
        Timestamp start = Timestamp.from(from == null ? Instant.EPOCH : from);
        Timestamp end = Timestamp.from(to == null ? clock.instant() : to);
        StreamingResponseBody body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader("transaction_id",
                    "created_at", "user_id", "type", "balance", "amount", "currency", "balance_before", "balance_after",
                    "reference").get())) {
                jdbc.query(con -> {
                    var statement = con.prepareStatement("""
                            SELECT * FROM wallet_transactions WHERE (CAST(? AS varchar) IS NULL OR user_id = ?) AND created_at >= ?
                            AND created_at < ? ORDER BY id""");
                    statement.setString(1, userFilter);
                    statement.setString(2, userFilter);
                    statement.setTimestamp(3, start);
                    statement.setTimestamp(4, end);
                    statement.setFetchSize(500);
                    return statement;
                }, rs -> {
                    String currency = rs.getString("currency").trim();
                    try {
                        csv.printRecord(rs.getLong("id"), rs.getTimestamp("created_at").toInstant(),
                                CsvCells.text(rs.getString("user_id")), rs.getString("type"), rs.getString("balance"),
                                CsvCells.amount(rs.getLong("amount"), currency), currency,
                                CsvCells.amount(rs.getLong("balance_before"), currency),
                                CsvCells.amount(rs.getLong("balance_after"), currency),
                                CsvCells.text(rs.getString("reference")));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            }
        };
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"transactions.csv\"").body(body);
    }

    @GetMapping(value = "/exports/payouts.csv", produces = "text/csv")
    @Operation(summary = "Your payouts as CSV (ADMIN: everyone's), amounts as decimals with currency")
    public ResponseEntity<StreamingResponseBody> payouts() {
        CurrentUser user = CurrentUser.get();
        String userFilter = user.has(Role.ADMIN) ? null : user.id();
        StreamingResponseBody body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader("payout_id",
                    "requested_at", "updated_at", "provider_id", "status", "amount", "currency", "transfer_id",
                    "stripe_payout_id", "failure_code", "failure_reason").get())) {
                jdbc.query("SELECT * FROM payouts WHERE (CAST(? AS varchar) IS NULL OR user_id = ?) ORDER BY requested_at, id",
                        rs -> {
                            String currency = rs.getString("currency").trim();
                            try {
                                csv.printRecord(rs.getString("id"), rs.getTimestamp("requested_at").toInstant(),
                                        rs.getTimestamp("updated_at").toInstant(), CsvCells.text(rs.getString("user_id")),
                                        rs.getString("status"), CsvCells.amount(rs.getLong("amount"), currency), currency,
                                        rs.getString("transfer_id"), rs.getString("stripe_payout_id"),
                                        CsvCells.text(rs.getString("failure_code")),
                                        CsvCells.text(rs.getString("failure_reason")));
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }, userFilter, userFilter);
            }
        };
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"payouts.csv\"").body(body);
    }

    @GetMapping("/reports/tax")
    @Operation(summary = "Yearly per-provider figures, 1099-K style: gross, refunds, fees, net, payouts, "
            + "transactions (PROVIDER: own; ADMIN and ANALYST: all). Add format=csv for CSV")
    public TaxReport tax(@RequestParam(required = false) Integer year) {
        int reportYear = yearOrCurrent(year);
        return new TaxReport(reportYear, earnings.tax(reportYear, taxScope()));
    }

    @GetMapping(value = "/reports/tax", params = "format=csv", produces = "text/csv")
    @Operation(summary = "The yearly tax report as CSV")
    public ResponseEntity<StreamingResponseBody> taxCsv(@RequestParam(required = false) Integer year) {
        int reportYear = yearOrCurrent(year);
        List<EarningsQueries.TaxLine> lines = earnings.tax(reportYear, taxScope());
        StreamingResponseBody body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            try (CSVPrinter csv = new CSVPrinter(writer, CSVFormat.RFC4180.builder().setHeader("year", "provider_id",
                    "currency", "gross", "refunds", "fees", "net", "payouts", "transactions").get())) {
                for (EarningsQueries.TaxLine line : lines) {
                    csv.printRecord(reportYear, CsvCells.text(line.providerId()), line.currency(),
                            CsvCells.amount(line.gross(), line.currency()), CsvCells.amount(line.refunds(), line.currency()),
                            CsvCells.amount(line.fees(), line.currency()), CsvCells.amount(line.net(), line.currency()),
                            CsvCells.amount(line.payouts(), line.currency()), line.transactions());
                }
            }
        };
        return ResponseEntity.ok().contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"tax-" + reportYear + ".csv\"")
                .body(body);
    }

    /** ADMIN and ANALYST: every provider; a provider: only themselves. */
    private static String taxScope() {
        CurrentUser user = CurrentUser.get();
        return user.has(Role.ADMIN) || user.has(Role.ANALYST) ? null : EarningsController.providerFor(null);
    }

    private int yearOrCurrent(Integer year) {
        int reportYear = year == null ? clock.instant().atZone(ZoneOffset.UTC).getYear() : year;
        if (reportYear < 2000 || reportYear > 2100) {
            throw ApiException.validation("year must be between 2000 and 2100");
        }
        return reportYear;
    }

    public record TaxReport(int year, List<EarningsQueries.TaxLine> providers) {
    }
}
