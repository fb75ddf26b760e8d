package io.settle.saga.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RefundRetryPolicyTest {

    private final RefundRetryPolicy policy = new RefundRetryPolicy(3, Duration.ofMinutes(1));

    @Test
    void the_delay_doubles_after_each_failed_attempt() {
        assertThat(policy.delayAfter(1)).isEqualTo(Duration.ofMinutes(1));
        assertThat(policy.delayAfter(2)).isEqualTo(Duration.ofMinutes(2));
        assertThat(policy.delayAfter(3)).isEqualTo(Duration.ofMinutes(4));
    }

    @Test
    void at_least_one_attempt_is_required() {
        assertThatThrownBy(() -> new RefundRetryPolicy(0, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
