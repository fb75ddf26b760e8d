package io.settle.app.console;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** How the console shows amounts and instants; templates call it as {@code @consoleFormat}. */
@Component
public class ConsoleFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** Minor units as a decimal in the currency's own digits: 123456 usd → "1,234.56 USD". */
    public String money(long minor, String currency) {
        return number(minor, currency) + " " + currency.toUpperCase(Locale.ROOT);
    }

    public static BigDecimal major(long minor, String currency) {
        return BigDecimal.valueOf(minor, digits(currency));
    }

    public String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }

    private static String number(long minor, String currency) {
        int digits = digits(currency);
        NumberFormat format = NumberFormat.getNumberInstance(Locale.US);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(major(minor, currency));
    }

    static int digits(String currency) {
        try {
            int digits = Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getDefaultFractionDigits();
            return Math.max(digits, 0);
        } catch (IllegalArgumentException | NullPointerException e) {
            return 2;
        }
    }
}
