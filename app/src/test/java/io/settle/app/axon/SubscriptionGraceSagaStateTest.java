package io.settle.app.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.settle.saga.subscription.SubscriptionGraceSaga;
import io.settle.testsupport.IntegrationTest;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.util.ReflectionTestUtils;

/** The grace saga is stored with the application's Jackson serializer: its private state must survive it. */
class SubscriptionGraceSagaStateTest extends IntegrationTest {

    @Autowired
    @Qualifier("serializer")
    private Serializer serializer;

    @Test
    void grace_saga_state_survives_a_round_trip() {
        SubscriptionGraceSaga saga = new SubscriptionGraceSaga();
        ReflectionTestUtils.setField(saga, "subscriptionId", "sub_1");
        ReflectionTestUtils.setField(saga, "stripeSubscriptionId", "sub_stripe_1");
        ReflectionTestUtils.setField(saga, "deadlineId", "deadline-1");

        SerializedObject<byte[]> serialized = serializer.serialize(saga, byte[].class);
        SubscriptionGraceSaga copy = serializer.deserialize(serialized);

        assertThat(copy).usingRecursiveComparison().isEqualTo(saga);
        assertThat(ReflectionTestUtils.getField(copy, "stripeSubscriptionId")).isEqualTo("sub_stripe_1");
    }
}
