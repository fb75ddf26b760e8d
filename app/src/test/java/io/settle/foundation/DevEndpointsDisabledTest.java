package io.settle.foundation;

import static io.settle.testsupport.ProblemAssert.assertProblem;

import io.settle.testsupport.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Outside the embedded default (here: dev endpoints switched off) the dev token path does not exist. */
@TestPropertySource(properties = "settle.dev.enabled=false")
class DevEndpointsDisabledTest extends IntegrationTest {

    @Test
    void devTokenPathAnswers404() {
        assertProblem(api().post("/api/v1/dev/tokens", """
                {"userId":"u1","roles":["ADMIN"]}"""), 404, "NOT_FOUND");
    }
}
