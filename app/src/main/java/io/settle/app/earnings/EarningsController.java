package io.settle.app.earnings;

import io.settle.app.security.CurrentUser;
import io.settle.app.security.Role;
import io.settle.app.web.ApiException;
import io.settle.query.earnings.EarningsQueries;
import io.settle.query.earnings.EarningsQueries.Bucket;
import io.settle.query.earnings.Granularity;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Earnings", description = "Provider earnings and platform revenue (minor units)")
public class EarningsController {

    public record Totals(String currency, long gross, long commission, long net, long bookings, long subscriptions) {
    }

    public record EarningsReport(String providerId, Granularity granularity, Instant from, Instant to,
                                 List<Bucket> buckets, List<Totals> totals) {
    }

    public record SummaryReport(List<EarningsQueries.Summary> currencies,
                                List<EarningsQueries.CommissionByRate> commissionByRate) {
    }

    public record RevenueReport(Granularity granularity, Instant from, Instant to,
                                List<EarningsQueries.RevenueBucket> periods,
                                List<EarningsQueries.CommissionByRate> byCommissionRate,
                                List<EarningsQueries.TierRevenue> byTier) {
    }

    private static final Duration DEFAULT_WINDOW = Duration.ofDays(90);

    private final EarningsQueries earnings;
    private final Clock clock;
    private final io.settle.app.subscription.SubscriptionSettings.Tiers tiers;

    public EarningsController(EarningsQueries earnings, Clock clock,
                              io.settle.app.subscription.SubscriptionSettings.Tiers tiers) {
        this.earnings = earnings;
        this.clock = clock;
        this.tiers = tiers;
    }

    @GetMapping("/earnings")
    @Operation(summary = "Earnings per period (released bookings and fan-subscription invoices, net of refunds): "
            + "gross, commission, net, counts of bookings and subscription invoices. PROVIDER: own; "
            + "ADMIN: any provider with providerId. Default window: the last 90 days")
    public EarningsReport earnings(@RequestParam(defaultValue = "day") Granularity granularity,
                                   @RequestParam(required = false) Instant from,
                                   @RequestParam(required = false) Instant to,
                                   @RequestParam(required = false) String currency,
                                   @RequestParam(required = false) String providerId) {
        String provider = providerFor(providerId);
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(DEFAULT_WINDOW) : from;
        if (!start.isBefore(end)) {
            throw ApiException.validation("from must be before to");
        }
        List<Bucket> buckets = earnings.earnings(provider, granularity, start, end,
                currency == null ? null : currency.toLowerCase());
        List<Totals> totals = buckets.stream().collect(Collectors.groupingBy(Bucket::currency)).entrySet().stream()
                .map(e -> new Totals(e.getKey(), sum(e.getValue(), Bucket::gross), sum(e.getValue(), Bucket::commission),
                        sum(e.getValue(), Bucket::net), sum(e.getValue(), Bucket::bookings),
                        sum(e.getValue(), Bucket::subscriptions)))
                .sorted(java.util.Comparator.comparing(Totals::currency)).toList();
        return new EarningsReport(provider, granularity, start, end, buckets, totals);
    }

    @GetMapping("/earnings/summary")
    @Operation(summary = "Per currency: pending, available, in transit, paid out and commission paid; and the "
            + "commission by rate (tier)")
    public SummaryReport summary(@RequestParam(required = false) String providerId) {
        String provider = providerFor(providerId);
        return new SummaryReport(earnings.summary(provider), earnings.commissionByRate(provider));
    }

    @GetMapping("/admin/revenue")
    @Operation(summary = "Platform revenue per period and by provider tier (ADMIN)",
            description = "periods: commissions (bookings released, fan invoices), commissionsReversed (fan invoices "
                    + "refunded), subscriptionFees (provider-tier and consumer invoices), subscriptionFeesRefunded, "
                    + "refunds (all money returned to customers) and net (what the platform kept). byTier: the same "
                    + "per provider tier by name (Free/Entry/Premium, the tier at the time of each sale). "
                    + "byCommissionRate: booking commissions per rate. Minor units; default window: the last year.")
    public RevenueReport revenue(@RequestParam(defaultValue = "month") Granularity granularity,
                                 @RequestParam(required = false) Instant from,
                                 @RequestParam(required = false) Instant to) {
        Instant end = to == null ? clock.instant() : to;
        Instant start = from == null ? end.minus(Duration.ofDays(366)) : from;
        if (!start.isBefore(end)) {
            throw ApiException.validation("from must be before to");
        }
        return new RevenueReport(granularity, start, end, earnings.revenue(granularity, start, end),
                earnings.revenueByRate(start, end), earnings.revenueByTier(start, end, tiers.free().name()));
    }

    /** A provider sees their own figures; an admin names the provider. */
    static String providerFor(String requested) {
        CurrentUser user = CurrentUser.get();
        if (user.has(Role.ADMIN) && requested != null) {
            return requested;
        }
        user.require(Role.PROVIDER);
        if (requested != null && !requested.equals(user.id())) {
            throw ApiException.notFound("provider", requested);
        }
        return user.id();
    }

    private static <T> long sum(List<T> rows, java.util.function.ToLongFunction<T> field) {
        return rows.stream().mapToLong(field).sum();
    }

}
