package io.settle.foundation;

import static io.settle.testsupport.ProblemAssert.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.settle.testsupport.Api;
import io.settle.testsupport.IntegrationTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Uses the test-only counter endpoint, whose count shows how often a POST really executed. */
class IdempotencyKeyTest extends IntegrationTest {

    private final String counter = "idem-" + UUID.randomUUID();
    private final String key = UUID.randomUUID().toString();

    @Test
    void sameKeySameUserSameBodyReplaysTheFirstResponseWithoutExecuting() {
        Api alice = as("idem-alice", "CUSTOMER").header("Idempotency-Key", key);

        Api.Response first = alice.post("/api/v1/test/counters", body(counter));
        Api.Response second = alice.post("/api/v1/test/counters", body(counter));

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.header("Content-Type")).startsWith("application/json");
        assertThat(second.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(count(counter)).isEqualTo(1);
    }

    @Test
    void sameKeyWithAnotherBodyIsRejected() {
        Api alice = as("idem-alice", "CUSTOMER").header("Idempotency-Key", key);
        String other = counter + "-other";

        alice.post("/api/v1/test/counters", body(counter));
        Api.Response reused = alice.post("/api/v1/test/counters", body(other));

        assertProblem(reused, 422, "IDEMPOTENCY_KEY_REUSED");
        assertThat(count(other)).isZero();
    }

    @Test
    void sameKeyFromAnotherUserExecutesSeparately() {
        Api.Response alices = as("idem-alice", "CUSTOMER").header("Idempotency-Key", key)
                .post("/api/v1/test/counters", body(counter));
        Api.Response bobs = as("idem-bob", "CUSTOMER").header("Idempotency-Key", key)
                .post("/api/v1/test/counters", body(counter));

        assertThat(alices.json().path("count").asInt()).isEqualTo(1);
        assertThat(bobs.status()).isEqualTo(201);
        assertThat(bobs.json().path("count").asInt()).isEqualTo(2);
        assertThat(bobs.header("Idempotent-Replayed")).isNull();
    }

    @Test
    void serverErrorIsNotStoredSoARetryExecutesAgain() {
        Api alice = as("idem-alice", "CUSTOMER").header("Idempotency-Key", key);
        String failsOnce = """
                {"name":"%s","failUntil":1}""".formatted(counter);

        Api.Response failed = alice.post("/api/v1/test/counters", failsOnce);
        Api.Response retried = alice.post("/api/v1/test/counters", failsOnce);
        Api.Response replayed = alice.post("/api/v1/test/counters", failsOnce);

        assertProblem(failed, 500, "INTERNAL_ERROR");
        assertThat(retried.status()).isEqualTo(201);
        assertThat(retried.header("Idempotent-Replayed")).isNull();
        assertThat(retried.json().path("count").asInt()).isEqualTo(2);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.body()).isEqualTo(retried.body());
        assertThat(count(counter)).isEqualTo(2);
    }

    private int count(String name) {
        return as("idem-reader", "CUSTOMER").get("/api/v1/test/counters/" + name).json().path("count").asInt();
    }

    private static String body(String name) {
        return "{\"name\":\"" + name + "\"}";
    }
}
