package io.settle.app.gateway.stripe;

import static org.assertj.core.api.Assertions.assertThat;

import io.settle.app.gateway.StripeSettings;
import io.settle.saga.payment.PaymentGateway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class StripePaymentGatewayRegistrationTest {

    // SpringApplication installs Boot's conversion service (e.g. "5s" → Duration); the bare runner does not
    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withInitializer(ctx -> ctx.getBeanFactory()
                    .setConversionService(ApplicationConversionService.getSharedInstance()))
            .withUserConfiguration(StripeSettings.class, StripePaymentGateway.class)
            .withPropertyValues("settle.stripe.secret-key=sk_test_51SettleWireMockTestKey",
                    "settle.stripe.webhook-secret=whsec_test");

    @Test
    void isThePaymentGatewayWhenTheStripeGatewayIsChosen() {
        context.withPropertyValues("settle.stripe.gateway=stripe", "settle.stripe.read-timeout=PT30S",
                        "settle.stripe.connect-timeout=3s")
                .run(ctx -> {
                    assertThat(ctx).hasSingleBean(PaymentGateway.class);
                    assertThat(ctx.getBean(PaymentGateway.class)).isInstanceOf(StripePaymentGateway.class);
                    assertThat(ctx.getBean(PaymentGateway.class).mode()).isEqualTo("test");
                });
    }

    @Test
    void staysAwayWhenTheSimulatorIsChosen() {
        context.withPropertyValues("settle.stripe.gateway=simulator")
                .run(ctx -> assertThat(ctx).hasNotFailed().doesNotHaveBean(StripePaymentGateway.class));
    }
}
