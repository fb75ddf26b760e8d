package io.settle.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that a response is an RFC 9457 problem with the given status and stable code, and leaks nothing. */
public final class ProblemAssert {

    private ProblemAssert() {
    }

    public static void assertProblem(Api.Response response, int status, String code) {
        assertThat(response.status()).as("status of %s", response).isEqualTo(status);
        assertThat(response.header("Content-Type")).as("content type of %s", response)
                .startsWith("application/problem+json");
        assertThat(response.code()).as("code of %s", response).isEqualTo(code);
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertNoInternals(response);
    }

    public static void assertNoInternals(Api.Response response) {
        assertThat(response.body()).as("body of %s", response)
                .doesNotContain("Exception", "\tat ", "at io.settle", "at org.", "\"trace\"");
    }
}
