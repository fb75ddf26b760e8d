package io.settle.app.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.settle.api.booking.DisputeOutcome;
import io.settle.api.payout.PayoutStatus;
import io.settle.app.admin.AdminBookingController;
import io.settle.app.admin.ProjectionsController;
import io.settle.app.payout.AdminPayoutController;
import io.settle.app.web.ApiException;
import io.settle.app.web.MoneyInput;
import io.settle.app.webhook.InboxStatus;
import io.settle.app.webhook.WebhookAdminController;
import io.settle.query.alert.AlertQueries;
import io.settle.query.booking.BookingQueries;
import io.settle.query.earnings.EarningsQueries;
import io.settle.query.earnings.EarningsQueries.DailyRevenue;
import io.settle.query.ledger.LedgerQueries;
import io.settle.query.payout.PayoutQueries;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletResponse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The operator console's pages (ADMIN only, see {@link ConsoleSecurityConfiguration}). Reads come from the
 * query module's projections; actions go through the same admin controllers as the API, so a console action
 * and an API call behave the same. An action that succeeds redirects back with a notice; one that is
 * refused shows the page again with the refusal and its HTTP status.
 */
@Controller
@RequestMapping(ConsolePaths.ROOT)
@Hidden // HTML pages, not part of the API
public class ConsoleController {

    static final int LIST_LIMIT = 200;

    /** One chart: a currency's daily revenue and commission in major units. */
    public record Chart(String currency, List<String> days, List<BigDecimal> revenue, List<BigDecimal> commission,
                        String json) {
    }

    private final LedgerQueries ledger;
    private final EarningsQueries earnings;
    private final BookingQueries bookings;
    private final PayoutQueries payouts;
    private final AlertQueries alerts;
    private final AdminBookingController adminBookings;
    private final AdminPayoutController adminPayouts;
    private final WebhookAdminController webhooks;
    private final ProjectionsController projections;
    private final ObjectMapper json;
    private final Clock clock;

    public ConsoleController(LedgerQueries ledger, EarningsQueries earnings, BookingQueries bookings,
                             PayoutQueries payouts, AlertQueries alerts, AdminBookingController adminBookings,
                             AdminPayoutController adminPayouts, WebhookAdminController webhooks, ProjectionsController projections, ObjectMapper json,
                             Clock clock) {
        this.ledger = ledger;
        this.earnings = earnings;
        this.bookings = bookings;
        this.payouts = payouts;
        this.alerts = alerts;
        this.adminBookings = adminBookings;
        this.adminPayouts = adminPayouts;
        this.webhooks = webhooks;
        this.projections = projections;
        this.json = json;
        this.clock = clock;
    }

    @GetMapping({"", "/"})
    String root() {
        return "redirect:" + ConsolePaths.ROOT + "/overview";
    }

    // ---- overview ----

    @ConsolePage(title = "Overview", order = 10)
    @GetMapping("/overview")
    String overview(@RequestParam(defaultValue = "30") int days, Model model) {
        model.addAttribute("totals", ledger.totals());
        model.addAttribute("check", ledger.check());
        model.addAttribute("openDisputes", bookings.withStatus("DISPUTED", LIST_LIMIT).size());
        model.addAttribute("failedWebhooks", webhooks.list(InboxStatus.FAILED, LIST_LIMIT).items().size());
        model.addAttribute("failedPayouts", payouts.all("FAILED", null, null, LIST_LIMIT).size());
        return chart(days, model, "console/overview");
    }

    /** The chart alone, for the 30/90-day toggle (htmx swaps it in place). */
    @GetMapping("/overview/chart")
    String overviewChart(@RequestParam(defaultValue = "30") int days, Model model) {
        return chart(days, model, "console/overview :: chart");
    }

    private String chart(int requestedDays, Model model, String view) {
        int days = requestedDays == 90 ? 90 : 30;
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate first = today.minusDays(days - 1L);
        List<DailyRevenue> rows = earnings.dailyRevenue(first.atStartOfDay().toInstant(ZoneOffset.UTC),
                today.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
        TreeSet<String> currencies = rows.stream().map(DailyRevenue::currency).collect(Collectors.toCollection(TreeSet::new));
        ledger.totals().forEach(t -> currencies.add(t.currency()));
        if (currencies.isEmpty()) {
            currencies.add("usd");
        }
        List<Chart> charts = new ArrayList<>();
        for (String currency : currencies) {
            Map<LocalDate, DailyRevenue> byDay = rows.stream().filter(r -> r.currency().equals(currency))
                    .collect(Collectors.toMap(DailyRevenue::day, r -> r));
            List<String> labels = new ArrayList<>();
            List<BigDecimal> revenue = new ArrayList<>();
            List<BigDecimal> commission = new ArrayList<>();
            for (LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
                DailyRevenue row = byDay.get(day);
                labels.add(day.toString());
                revenue.add(ConsoleFormat.major(row == null ? 0 : row.revenue(), currency));
                commission.add(ConsoleFormat.major(row == null ? 0 : row.commission(), currency));
            }
            charts.add(new Chart(currency, labels, revenue, commission,
                    toJson(Map.of("currency", currency, "days", labels, "revenue", revenue, "commission", commission))));
        }
        model.addAttribute("days", days);
        model.addAttribute("charts", charts);
        model.addAttribute("chartHasData", !rows.isEmpty());
        return view;
    }

    // ---- disputes ----

    @ConsolePage(title = "Disputes", order = 20)
    @GetMapping("/disputes")
    String disputes(Model model) {
        model.addAttribute("bookings", bookings.withStatus("DISPUTED", LIST_LIMIT));
        model.addAttribute("outcomes", Arrays.asList(DisputeOutcome.values()));
        return "console/disputes";
    }

    @PostMapping("/disputes/{bookingId}/resolution")
    String resolve(@PathVariable String bookingId, @RequestParam DisputeOutcome outcome,
                   @RequestParam(required = false) Long refundAmount,
                   @RequestParam(required = false) String currency, Model model, HttpServletResponse response) {
        try {
            MoneyInput refund = outcome == DisputeOutcome.PARTIAL_REFUND && refundAmount != null
                    ? new MoneyInput(refundAmount, currency) : null;
            adminBookings.resolve(bookingId, new AdminBookingController.Resolution(outcome, refund));
        } catch (ApiException refused) {
            return refused(refused, model, response, disputes(model));
        }
        return done("/disputes", "Dispute on " + bookingId + " resolved: " + outcome);
    }

    // ---- payouts ----

    @ConsolePage(title = "Payouts", order = 30)
    @GetMapping("/payouts")
    String payouts(@RequestParam(required = false) PayoutStatus status, Model model) {
        model.addAttribute("status", status);
        model.addAttribute("statuses", Arrays.asList(PayoutStatus.values()));
        model.addAttribute("payouts", payouts.all(status == null ? null : status.name(), null, null, LIST_LIMIT));
        return "console/payouts";
    }

    @PostMapping("/payouts/{payoutId}/retry")
    String retryPayout(@PathVariable String payoutId, Model model, HttpServletResponse response) {
        String retry;
        try {
            retry = adminPayouts.retry(payoutId).id();
        } catch (ApiException refused) {
            return refused(refused, model, response, payouts(null, model));
        }
        return done("/payouts", "Payout " + payoutId + " retried as " + retry);
    }

    @PostMapping("/payouts/{payoutId}/cancel")
    String cancelPayout(@PathVariable String payoutId, Model model, HttpServletResponse response) {
        try {
            adminPayouts.cancel(payoutId, new AdminPayoutController.CancelRequest("canceled in the operator console"));
        } catch (ApiException refused) {
            return refused(refused, model, response, payouts(null, model));
        }
        return done("/payouts", "Payout " + payoutId + " canceled");
    }

    // ---- webhooks ----

    @ConsolePage(title = "Webhooks", order = 40)
    @GetMapping("/webhooks")
    String webhooks(@RequestParam(required = false) InboxStatus status, Model model) {
        model.addAttribute("status", status);
        model.addAttribute("statuses", Arrays.asList(InboxStatus.values()));
        model.addAttribute("items", webhooks.list(status, LIST_LIMIT).items());
        model.addAttribute("retryable", List.of(InboxStatus.FAILED, InboxStatus.RETRY, InboxStatus.IGNORED));
        return "console/webhooks";
    }

    @PostMapping("/webhooks/{eventId}/retry")
    String retryWebhook(@PathVariable String eventId, Model model, HttpServletResponse response) {
        try {
            webhooks.retry(eventId);
        } catch (ApiException refused) {
            return refused(refused, model, response, webhooks(null, model));
        }
        return done("/webhooks", "Stripe event " + eventId + " queued for processing again");
    }

    // ---- alerts ----

    @ConsolePage(title = "Alerts", order = 50)
    @GetMapping("/alerts")
    String alerts(Model model) {
        model.addAttribute("alerts", alerts.latest(LIST_LIMIT));
        return "console/alerts";
    }

    // ---- projections ----

    @ConsolePage(title = "Projections", order = 60)
    @GetMapping("/projections")
    String projections(Model model) {
        model.addAttribute("processors", projections.list());
        return "console/projections";
    }

    /** The table alone: the page polls it (htmx) so lag and replays can be watched. */
    @GetMapping("/projections/table")
    String projectionsTable(Model model) {
        model.addAttribute("processors", projections.list());
        return "console/projections :: rows";
    }

    @PostMapping("/projections/{name}/replay")
    String replay(@PathVariable String name, Model model, HttpServletResponse response) {
        try {
            projections.replay(name);
        } catch (ApiException refused) {
            return refused(refused, model, response, projections(model));
        }
        return done("/projections", "Replay of " + name + " started");
    }

    // ---- ledger ----

    @ConsolePage(title = "Ledger", order = 70)
    @GetMapping("/ledger")
    String ledger(Model model) {
        model.addAttribute("check", ledger.check());
        model.addAttribute("totals", ledger.totals());
        return "console/ledger";
    }

    // ---- helpers ----

    /** Post/redirect/get: the page again, with what was done. */
    static String done(String page, String notice) {
        return "redirect:" + UriComponentsBuilder.fromPath(ConsolePaths.ROOT + page).queryParam("notice", "{notice}")
                .encode().buildAndExpand(notice).toUriString();
    }

    static String refused(ApiException refused, Model model, HttpServletResponse response, String view) {
        response.setStatus(refused.status().value());
        model.addAttribute("error", refused.code() + ": " + refused.getMessage());
        return view;
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
