package io.settle.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class WebhookFallbackRouterTest {

    private final ApplicationContextRunner contexts = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(FallbackStripeEventRouterConfiguration.class));

    @Test
    void withoutARealRouterEveryEventIsIgnored() {
        contexts.run(context -> {
            assertThat(context).hasSingleBean(StripeEventRouter.class);
            assertThat(context.getBean(StripeEventRouter.class).route(null)).isFalse();
        });
    }

    @Test
    void aRealRouterReplacesTheFallback() {
        StripeEventRouter real = event -> true;
        contexts.withBean("bookingStripeEventRouter", StripeEventRouter.class, () -> real).run(context -> {
            assertThat(context).hasSingleBean(StripeEventRouter.class);
            assertThat(context.getBean(StripeEventRouter.class)).isSameAs(real);
        });
    }

    @Test
    void itIsRegisteredAsAnAutoConfigurationSoItsConditionSeesEveryApplicationBean() {
        assertThat(ImportCandidates.load(AutoConfiguration.class, getClass().getClassLoader()))
                .contains(FallbackStripeEventRouterConfiguration.class.getName());
    }
}
