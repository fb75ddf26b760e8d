package io.settle.app.notify;

import io.settle.api.Money;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Amounts and dates as the recipient reads them: their locale, their time zone, the ISO currency. */
public record MailFormats(Locale locale, ZoneId zone) {

    /**
     * The formats set up once per locale and currency: building one looks up the locale's data each time (9 of
     * 797 samples in a profile under booking load, docs/benchmarks.md). A {@link NumberFormat} is not
     * thread-safe, so each call formats with a copy of the one kept.
     */
    private static final Map<String, NumberFormat> CURRENCY_FORMATS = new ConcurrentHashMap<>();

    public String money(Money money) {
        if (money == null) {
            return "";
        }
        Currency currency = Currency.getInstance(money.currency().toUpperCase(Locale.ROOT));
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        NumberFormat format = (NumberFormat) CURRENCY_FORMATS.computeIfAbsent(
                locale.toLanguageTag() + "|" + currency.getCurrencyCode(), key -> currencyFormat(currency, digits))
                .clone();
        return format.format(BigDecimal.valueOf(money.amount(), digits));
    }

    private NumberFormat currencyFormat(Currency currency, int digits) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format;
    }

    public String dateTime(Instant instant) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT)
                .withLocale(locale).withZone(zone).format(instant)
                // newer CLDR data puts a narrow no-break space before AM/PM; plain mail clients show it oddly
                .replace("\u202f", " ") + zoneSuffix();
    }

    public String date(Instant instant) {
        if (instant == null) {
            return "";
        }
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).withZone(zone).format(instant);
    }

    private String zoneSuffix() {
        return " (" + zone.getId() + ")";
    }
}
