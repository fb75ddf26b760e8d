package io.settle.app.webhook;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Until a real {@link StripeEventRouter} exists, every event is stored and acknowledged as IGNORED (an admin
 * can retry them later). Registered as an auto-configuration so the condition is evaluated after every
 * application bean is known, whatever the order of component scanning.
 */
@AutoConfiguration
public class FallbackStripeEventRouterConfiguration {

    private static final Logger log = LoggerFactory.getLogger(FallbackStripeEventRouterConfiguration.class);

    @Bean
    @ConditionalOnMissingBean(StripeEventRouter.class)
    StripeEventRouter ignoringStripeEventRouter() {
        log.warn("No StripeEventRouter bean: Stripe events will be stored and marked IGNORED");
        return event -> false;
    }
}
