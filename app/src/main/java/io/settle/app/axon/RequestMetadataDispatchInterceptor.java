package io.settle.app.axon;

import io.settle.api.MetadataKeys;
import io.settle.app.web.CorrelationFilter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * Stamps every command sent while serving an HTTP request with the acting user and the request's
 * correlation id. Commands sent from sagas or webhook mappers already carry theirs (copied from the
 * event that caused them, or set explicitly) and are left as they are.
 */
public class RequestMetadataDispatchInterceptor implements MessageDispatchInterceptor<CommandMessage<?>> {

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(List<? extends CommandMessage<?>> messages) {
        return (index, command) -> {
            Map<String, Object> extra = new HashMap<>();
            if (!command.getMetaData().containsKey(MetadataKeys.USER_ID)) {
                Authentication auth = SecurityContextHolder.getContext().getAuthentication();
                if (auth != null && auth.isAuthenticated() && !"anonymousUser".equals(auth.getName())) {
                    extra.put(MetadataKeys.USER_ID, auth.getName());
                }
            }
            RequestAttributes request = RequestContextHolder.getRequestAttributes();
            if (request != null && !command.getMetaData().containsKey(MetadataKeys.CORRELATION_ID)) {
                Object id = request.getAttribute(CorrelationFilter.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
                if (id != null) {
                    extra.put(MetadataKeys.CORRELATION_ID, id);
                }
            }
            return extra.isEmpty() ? command : command.andMetaData(extra);
        };
    }
}
