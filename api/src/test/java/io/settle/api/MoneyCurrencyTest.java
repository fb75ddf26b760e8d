package io.settle.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyCurrencyTest {

    @Test
    void iso_codes_are_known_in_either_case_and_kept_in_lower_case() {
        assertThat(Money.isKnownCurrency("usd")).isTrue();
        assertThat(Money.isKnownCurrency("EUR")).isTrue();
        assertThat(Money.isKnownCurrency("jPy")).isTrue();
        assertThat(Money.of(3000, "USD").currency()).isEqualTo("usd");
    }

    @Test
    void anything_else_is_unknown_and_refused() {
        assertThat(Money.isKnownCurrency(null)).isFalse();
        assertThat(Money.isKnownCurrency("")).isFalse();
        assertThat(Money.isKnownCurrency("us")).isFalse();
        assertThat(Money.isKnownCurrency("usdd")).isFalse();
        assertThat(Money.isKnownCurrency("xyz")).isFalse();
        assertThat(Money.isKnownCurrency("us1")).isFalse();
        assertThatThrownBy(() -> Money.of(100, "abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown currency");
    }
}
