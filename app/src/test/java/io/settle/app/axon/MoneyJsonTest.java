package io.settle.app.axon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.settle.api.Money;
import io.settle.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Amounts leave the API (and enter the event store) as exactly {"amount": minor units, "currency": iso}. */
class MoneyJsonTest extends IntegrationTest {

    @Autowired
    private ObjectMapper json;

    @Test
    void money_is_written_as_amount_and_currency_only() throws Exception {
        assertThat(json.writeValueAsString(Money.of(3000, "USD"))).isEqualTo("{\"amount\":3000,\"currency\":\"usd\"}");
        assertThat(json.readValue("{\"amount\":2700,\"currency\":\"usd\"}", Money.class)).isEqualTo(Money.of(2700, "usd"));
    }
}
