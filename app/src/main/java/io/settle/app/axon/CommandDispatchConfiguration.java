package io.settle.app.axon;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/** Kept apart from {@link AxonConfiguration}: the command bus needs that class's beans to exist first. */
@Configuration(proxyBeanMethods = false)
public class CommandDispatchConfiguration {

    @Autowired
    void registerDispatchInterceptors(CommandBus commandBus) {
        commandBus.registerDispatchInterceptor(new RequestMetadataDispatchInterceptor());
    }
}
