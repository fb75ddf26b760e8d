package io.settle.app.web;

import io.settle.api.Money;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** An amount as clients send it: {@code {"amount": 3000, "currency": "usd"}} in minor units. */
public record MoneyInput(@NotNull @Positive Long amount, @NotBlank String currency) {

    /** The validated Money, or a 400 VALIDATION_ERROR naming {@code field}. */
    public Money toMoney(String field) {
        if (!Money.isKnownCurrency(currency)) {
            throw ApiException.validation("Unknown currency '" + currency + "' in " + field)
                    .with("errors", java.util.List.of(java.util.Map.of("field", field + ".currency",
                            "message", "not an ISO 4217 currency")));
        }
        return Money.of(amount, currency);
    }
}
