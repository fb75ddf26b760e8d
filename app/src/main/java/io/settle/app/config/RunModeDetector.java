package io.settle.app.config;

import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * Decides the run mode before any bean exists. Without {@code spring.datasource.url} Settle runs on its
 * embedded PostgreSQL (the "embedded default", the only mode with developer endpoints); without
 * {@code STRIPE_SECRET_KEY} the payment gateway defaults to the built-in Stripe simulator.
 */
public class RunModeDetector implements EnvironmentPostProcessor {

    public static final String EMBEDDED = "settle.database.embedded";
    public static final String DEFAULT_GATEWAY = "settle.stripe.default-gateway";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean embedded = !StringUtils.hasText(environment.getProperty("spring.datasource.url"));
        boolean stripeKey = StringUtils.hasText(environment.getProperty("STRIPE_SECRET_KEY"))
                || StringUtils.hasText(environment.getProperty("settle.stripe.secret-key"));
        environment.getPropertySources().addLast(new MapPropertySource("settleRunMode", Map.of(
                EMBEDDED, Boolean.toString(embedded),
                DEFAULT_GATEWAY, stripeKey ? "stripe" : "simulator")));
    }
}
