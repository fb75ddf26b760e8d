package io.settle.api;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An exact amount: minor units (cents) plus an ISO 4217 currency in lower case, as Stripe writes it.
 * Serialised as {@code {"amount": 3000, "currency": "usd"}}. Arithmetic never mixes currencies.
 */
public record Money(long amount, String currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
        currency = currency.toLowerCase(Locale.ROOT);
        if (!isKnownCurrency(currency)) {
            throw new IllegalArgumentException("unknown currency: " + currency);
        }
    }

    public static Money of(long amount, String currency) {
        return new Money(amount, currency);
    }

    public static Money zero(String currency) {
        return new Money(0, currency);
    }

    /** ISO 4217 codes the JDK knows, lower case; looked up on every construction, so built once. */
    private static final Set<String> KNOWN_CURRENCIES = Currency.getAvailableCurrencies().stream()
            .map(c -> c.getCurrencyCode().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());

    public static boolean isKnownCurrency(String code) {
        return code != null && KNOWN_CURRENCIES.contains(code.toLowerCase(Locale.ROOT));
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(amount, other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(amount, other.amount), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(amount), currency);
    }

    // named without "is" so JSON mappers do not publish them as properties next to amount and currency
    public boolean positive() {
        return amount > 0;
    }

    public boolean negative() {
        return amount < 0;
    }

    public boolean isGreaterThan(Money other) {
        requireSameCurrency(other);
        return amount > other.amount;
    }

    public void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("currency mismatch: " + currency + " vs " + other.currency);
        }
    }

    /**
     * The one rounding rule of Settle: the share of this amount at {@code basisPoints} (1000 = 10 %),
     * rounded half up to a whole minor unit. Fees are computed with it and the remainder goes to the
     * other party, so the two parts always sum to the whole.
     */
    public Money share(int basisPoints) {
        if (basisPoints < 0 || basisPoints > 10_000) {
            throw new IllegalArgumentException("basis points must be within 0..10000: " + basisPoints);
        }
        long scaled = Math.multiplyExact(Math.abs(amount), (long) basisPoints);
        long rounded = (scaled + 5_000) / 10_000;
        return new Money(amount < 0 ? -rounded : rounded, currency);
    }

    /** The amount in major units, e.g. 27.00 for 2700 usd (scale from the currency's minor digits). */
    public BigDecimal toDecimal() {
        int digits = Math.max(0, Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getDefaultFractionDigits());
        return BigDecimal.valueOf(amount, digits);
    }

    @Override
    public String toString() {
        return toDecimal().toPlainString() + " " + currency;
    }
}
