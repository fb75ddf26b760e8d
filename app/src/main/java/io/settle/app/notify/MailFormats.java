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

/** Amounts and dates as the recipient reads them: their locale, their time zone, the ISO currency. */
public record MailFormats(Locale locale, ZoneId zone) {

    public String money(Money money) {
        if (money == null) {
            return "";
        }
        Currency currency = Currency.getInstance(money.currency().toUpperCase(Locale.ROOT));
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(BigDecimal.valueOf(money.amount(), digits));
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
