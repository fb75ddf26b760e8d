package io.settle.app.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.settle.api.Money;
import io.settle.saga.escrow.EscrowSaga;
import io.settle.saga.refund.RefundSaga;
import io.settle.testsupport.IntegrationTest;
import java.time.Instant;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.util.ReflectionTestUtils;

/** Sagas are stored with the application's Jackson serializer: their private state must survive it. */
class SagaStateSerializationTest extends IntegrationTest {

    @Autowired
    @Qualifier("serializer")
    private Serializer serializer;

    @Test
    void escrow_saga_state_survives_a_round_trip() {
        EscrowSaga saga = new EscrowSaga();
        ReflectionTestUtils.setField(saga, "bookingId", "bk_1");
        ReflectionTestUtils.setField(saga, "providerId", "prov_1");
        ReflectionTestUtils.setField(saga, "walletId", "prov_1:usd");
        ReflectionTestUtils.setField(saga, "releaseDeadlineId", "deadline-1");
        ReflectionTestUtils.setField(saga, "releaseAt", Instant.parse("2026-12-01T15:20:00Z"));

        EscrowSaga copy = roundTrip(saga, EscrowSaga.class);

        assertThat(copy).usingRecursiveComparison().isEqualTo(saga);
        assertThat(ReflectionTestUtils.getField(copy, "walletId")).isEqualTo("prov_1:usd");
    }

    @Test
    void refund_saga_state_survives_a_round_trip() {
        RefundSaga saga = new RefundSaga();
        ReflectionTestUtils.setField(saga, "bookingId", "bk_1");
        ReflectionTestUtils.setField(saga, "paymentIntentId", "pi_1");
        ReflectionTestUtils.setField(saga, "amount", Money.of(3000, "usd"));
        ReflectionTestUtils.setField(saga, "refundNumber", 1);
        ReflectionTestUtils.setField(saga, "attempts", 2);

        RefundSaga copy = roundTrip(saga, RefundSaga.class);

        assertThat(copy).usingRecursiveComparison().isEqualTo(saga);
        assertThat(ReflectionTestUtils.getField(copy, "attempts")).isEqualTo(2);
    }

    private <T> T roundTrip(T saga, Class<T> type) {
        SerializedObject<byte[]> serialized = serializer.serialize(saga, byte[].class);
        return serializer.deserialize(serialized);
    }
}
