package io.settle.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.settle.api.Money;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MailRendererTest {

    private final MailRenderer renderer = new MailRenderer();

    private static Map<String, Object> sampleModel() {
        Map<String, Object> model = new HashMap<>();
        for (String key : new String[] {"subject", "bookingId", "title", "scheduledAt", "amount", "paidWith",
                "providerAmount", "platformFee", "releaseAt", "totalRefunded", "refundedAt", "reason", "filedAt",
                "failedAt", "payoutId", "paidAt", "failureCode", "subscriptionId", "plan", "periodStart", "periodEnd",
                "invoiceUrl", "canceledAt", "message", "referenceType", "reference", "at"}) {
            model.put(key, "<" + key + ">");
        }
        model.put("audience", "customer");
        model.put("partial", false);
        model.put("toCredits", false);
        model.put("byBank", false);
        return model;
    }

    @ParameterizedTest
    @EnumSource(NotificationType.class)
    void every_type_has_a_text_and_an_html_template_that_render(NotificationType type) {
        for (String audience : new String[] {"customer", "provider"}) {
            Map<String, Object> model = sampleModel();
            model.put("audience", audience);
            MailRenderer.Rendered rendered = renderer.render(type.template(), model, Locale.US);
            assertThat(rendered.text()).isNotBlank().doesNotContain("[(").doesNotContain("[#").doesNotContain("[/]");
            assertThat(rendered.html()).contains("<html").contains("&lt;subject&gt;").doesNotContain("th:if").doesNotContain("th:text");
        }
    }

    @Test
    void html_escapes_values_and_text_does_not() {
        Map<String, Object> model = sampleModel();
        model.put("reason", "<script>alert(1)</script>");
        MailRenderer.Rendered rendered = renderer.render("payout-failed", model, Locale.US);
        assertThat(rendered.html()).contains("&lt;script&gt;").doesNotContain("<script>");
        assertThat(rendered.text()).contains("<script>alert(1)</script>");
    }

    /** Number formats put no-break spaces between amount and symbol (so mail clients never wrap there). */
    private static String plain(String formatted) {
        return formatted.replace('\u00a0', ' ').replace('\u202f', ' ');
    }

    @Test
    void amounts_and_dates_follow_the_recipients_locale_zone_and_the_currency() {
        Instant at = Instant.parse("2026-12-01T15:00:00Z");
        MailFormats us = new MailFormats(Locale.US, ZoneId.of("America/New_York"));
        MailFormats de = new MailFormats(Locale.GERMANY, ZoneId.of("Europe/Berlin"));
        assertThat(plain(us.money(Money.of(3000, "usd")))).isEqualTo("$30.00");
        assertThat(plain(de.money(Money.of(3000, "usd")))).isEqualTo("30,00 $");
        assertThat(plain(de.money(Money.of(123456, "eur")))).isEqualTo("1.234,56 €");
        assertThat(plain(us.money(Money.of(3000, "jpy")))).isEqualTo("¥3,000");
        assertThat(plain(us.dateTime(at))).isEqualTo("December 1, 2026, 10:00 AM (America/New_York)");
        assertThat(plain(de.dateTime(at))).isEqualTo("1. Dezember 2026, 16:00 (Europe/Berlin)");
        assertThat(plain(de.date(at))).isEqualTo("1. Dezember 2026");
    }
}
