package io.settle.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookRetryPolicyTest {

    private final WebhookRetryPolicy policy =
            new WebhookRetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(30), 10);

    @Test
    void backoffDoublesFromTheInitialDelayUpToTheCap() {
        assertThat(policy.backoffAfter(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoffAfter(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoffAfter(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoffAfter(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.backoffAfter(6)).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.backoffAfter(1_000)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void theLastAttemptIsTheMaximum() {
        assertThat(policy.exhausted(9)).isFalse();
        assertThat(policy.exhausted(10)).isTrue();
    }

    @Test
    void nonsenseSettingsStopTheStart() {
        assertThatThrownBy(() -> new WebhookRetryPolicy(Duration.ZERO, Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new WebhookRetryPolicy(Duration.ofSeconds(2), Duration.ofSeconds(1), 3))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new WebhookRetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(1), 0))
                .isInstanceOf(IllegalStateException.class);
    }
}
