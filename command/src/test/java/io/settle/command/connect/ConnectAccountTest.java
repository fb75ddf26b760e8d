package io.settle.command.connect;

import static io.settle.command.support.Violations.violation;

import io.settle.api.DomainRuleViolation;
import io.settle.api.connect.ConnectAccountStatus;
import io.settle.api.connect.ConnectCommands.RegisterConnectAccount;
import io.settle.api.connect.ConnectCommands.UpdateConnectAccount;
import io.settle.api.connect.ConnectEvents.ConnectAccountRegistered;
import io.settle.api.connect.ConnectEvents.ConnectAccountUpdated;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConnectAccountTest {

    private static final String PROVIDER = "provider-1";
    private static final String ACCOUNT = "acct_1";
    private static final Instant T1 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);
    private static final ConnectAccountRegistered REGISTERED =
            new ConnectAccountRegistered(PROVIDER, ACCOUNT, "US", "p@example.com");

    private FixtureConfiguration<ConnectAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ConnectAccount.class);
    }

    private static UpdateConnectAccount enabled(Instant at) {
        return new UpdateConnectAccount(PROVIDER, ACCOUNT, true, true, true, List.of(), List.of(), null, at);
    }

    private static UpdateConnectAccount restricted(Instant at) {
        return new UpdateConnectAccount(PROVIDER, ACCOUNT, true, false, true, List.of("external_account"),
                List.of("external_account"), "requirements.past_due", at);
    }

    private static ConnectAccountUpdated enabledEvent(Instant at) {
        return new ConnectAccountUpdated(PROVIDER, ACCOUNT, ConnectAccountStatus.ENABLED, true, true, true, List.of(),
                List.of(), null, at);
    }

    @Test
    void registering_opens_the_account_and_a_repeat_is_a_no_op() {
        fixture.givenNoPriorActivity()
               .when(new RegisterConnectAccount(PROVIDER, ACCOUNT, "US", "p@example.com"))
               .expectEvents(REGISTERED);
        fixture.given(REGISTERED)
               .when(new RegisterConnectAccount(PROVIDER, ACCOUNT, "US", "p@example.com"))
               .expectSuccessfulHandlerExecution()
               .expectNoEvents();
    }

    @Test
    void a_second_account_for_the_same_provider_is_refused() {
        fixture.given(REGISTERED)
               .when(new RegisterConnectAccount(PROVIDER, "acct_2", "US", "p@example.com"))
               .expectException(violation(DomainRuleViolation.INVALID_STATE));
    }

    @Test
    void payouts_enabled_with_nothing_due_is_enabled() {
        fixture.given(REGISTERED)
               .when(enabled(T1))
               .expectEvents(enabledEvent(T1));
    }

    @Test
    void requirements_past_due_make_it_restricted() {
        fixture.given(REGISTERED)
               .when(restricted(T1))
               .expectEvents(new ConnectAccountUpdated(PROVIDER, ACCOUNT, ConnectAccountStatus.RESTRICTED, true, false,
                       true, List.of("external_account"), List.of("external_account"), "requirements.past_due", T1));
    }

    @Test
    void details_not_submitted_is_still_onboarding() {
        fixture.given(REGISTERED)
               .when(new UpdateConnectAccount(PROVIDER, ACCOUNT, false, false, false, List.of("individual.dob.day"),
                       List.of(), null, T1))
               .expectEvents(new ConnectAccountUpdated(PROVIDER, ACCOUNT, ConnectAccountStatus.ONBOARDING, false,
                       false, false, List.of("individual.dob.day"), List.of(), null, T1));
    }

    @Test
    void an_older_report_arriving_late_changes_nothing_and_a_repeat_neither() {
        fixture.given(REGISTERED, enabledEvent(T2))
               .when(restricted(T1))
               .expectNoEvents();
        fixture.given(REGISTERED, enabledEvent(T2))
               .when(enabled(T2))
               .expectNoEvents();
    }

    @Test
    void a_report_for_another_account_is_refused() {
        fixture.given(REGISTERED)
               .when(new UpdateConnectAccount(PROVIDER, "acct_other", true, true, true, List.of(), List.of(), null, T1))
               .expectException(violation(DomainRuleViolation.VALIDATION_ERROR));
    }
}
