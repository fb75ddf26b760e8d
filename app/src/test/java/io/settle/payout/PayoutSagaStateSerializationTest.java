package io.settle.payout;

import static org.assertj.core.api.Assertions.assertThat;

import io.settle.api.Money;
import io.settle.saga.payout.PayoutSaga;
import io.settle.testsupport.IntegrationTest;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.util.ReflectionTestUtils;

/** The payout saga's state (above all: the transfer id and the uncertainty flag) must survive its Jackson storage. */
class PayoutSagaStateSerializationTest extends IntegrationTest {

    @Autowired
    @Qualifier("serializer")
    private Serializer serializer;

    @Test
    void payout_saga_state_survives_a_round_trip() {
        PayoutSaga saga = new PayoutSaga();
        ReflectionTestUtils.setField(saga, "payoutId", "po_1");
        ReflectionTestUtils.setField(saga, "walletId", "prov_1:usd");
        ReflectionTestUtils.setField(saga, "userId", "prov_1");
        ReflectionTestUtils.setField(saga, "accountId", "acct_1");
        ReflectionTestUtils.setField(saga, "amount", Money.of(2700, "usd"));
        ReflectionTestUtils.setField(saga, "fundingBookingId", "bk_1");
        ReflectionTestUtils.setField(saga, "transferId", "tr_1");
        ReflectionTestUtils.setField(saga, "attempts", 2);
        ReflectionTestUtils.setField(saga, "transferUncertain", true);
        ReflectionTestUtils.setField(saga, "reversedBySettle", true);

        SerializedObject<byte[]> serialized = serializer.serialize(saga, byte[].class);
        PayoutSaga copy = serializer.deserialize(serialized);

        assertThat(copy).usingRecursiveComparison().isEqualTo(saga);
        assertThat(ReflectionTestUtils.getField(copy, "transferUncertain")).isEqualTo(true);
        assertThat(ReflectionTestUtils.getField(copy, "reversedBySettle")).isEqualTo(true);
    }
}
