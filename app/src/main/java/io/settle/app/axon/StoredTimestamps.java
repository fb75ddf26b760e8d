package io.settle.app.axon;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.axonframework.common.DateTimeUtils;

/**
 * Reads the event store's {@code time_stamp} column. Axon writes it as ISO-8601 in UTC
 * ({@code 2026-11-22T13:07:13.123Z}) and parses it back through {@link java.time.format.DateTimeFormatter},
 * which cost a quarter of every event processor's CPU in a replay profile (docs/benchmarks.md). That one shape
 * is read here by hand; anything else (an offset, a year past 9999, lower case) goes to Axon's own parser, so
 * the result is always the instant Axon would have read.
 */
final class StoredTimestamps {

    private static final int SHORTEST = "2026-11-22T13:07:13Z".length();

    private StoredTimestamps() {
    }

    static Instant parse(String text) {
        Instant quick = quickParse(text);
        return quick != null ? quick : DateTimeUtils.parseInstant(text);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}, or null for any other shape or an impossible date. */
    private static Instant quickParse(String s) {
        int length = s.length();
        if (length < SHORTEST || s.charAt(length - 1) != 'Z' || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 7);
        int day = digits(s, 8, 10);
        int hour = digits(s, 11, 13);
        int minute = digits(s, 14, 16);
        int second = digits(s, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int nanos = 0;
        if (length > SHORTEST) {
            int fractionDigits = length - SHORTEST - 1;
            if (s.charAt(19) != '.' || fractionDigits < 1 || fractionDigits > 9) {
                return null;
            }
            int fraction = digits(s, 20, 20 + fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nanos = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        try {
            return LocalDateTime.of(year, month, day, hour, minute, second, nanos).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException impossible) {
            return null; // e.g. 24:00 or 23:59:60: Axon's parser decides
        }
    }

    /** The decimal value of {@code s[from, to)}, or -1 if any of it is not an ASCII digit. */
    private static int digits(String s, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = s.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
