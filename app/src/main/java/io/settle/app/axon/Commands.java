package io.settle.app.axon;

import io.settle.api.DomainRuleViolation;
import io.settle.app.web.ApiException;
import io.settle.app.web.ErrorCodes;
import java.util.Map;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Sends commands and waits, turning domain refusals into API errors: INVALID_STATE → 409,
 * INSUFFICIENT_CREDITS, INSUFFICIENT_FUNDS and PAYMENT_REQUIRED → 402, BELOW_MINIMUM → 422,
 * VALIDATION_ERROR → 400, unknown aggregate → 404 (ACTIVE_SUBSCRIPTION_EXISTS, like every other refusal, → 409).
 */
@Component
public class Commands {

    private final CommandGateway gateway;

    public Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Object command) {
        return send(command, Map.of());
    }

    public <R> R send(Object command, Map<String, ?> metadata) {
        try {
            return gateway.sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(metadata));
        } catch (DomainRuleViolation e) {
            throw toApi(e);
        } catch (AggregateNotFoundException e) {
            throw new ApiException(HttpStatus.NOT_FOUND, ErrorCodes.NOT_FOUND, "not found: " + e.getAggregateIdentifier());
        } catch (CommandExecutionException e) {
            if (e.getCause() instanceof DomainRuleViolation violation) {
                throw toApi(violation);
            }
            throw e;
        }
    }

    public static ApiException toApi(DomainRuleViolation e) {
        HttpStatus status = switch (e.code()) {
            case DomainRuleViolation.INSUFFICIENT_CREDITS, DomainRuleViolation.INSUFFICIENT_FUNDS,
                    DomainRuleViolation.PAYMENT_REQUIRED -> HttpStatus.PAYMENT_REQUIRED;
            case DomainRuleViolation.BELOW_MINIMUM -> HttpStatus.UNPROCESSABLE_ENTITY;
            case DomainRuleViolation.VALIDATION_ERROR -> HttpStatus.BAD_REQUEST;
            case DomainRuleViolation.NOT_A_PARTY -> HttpStatus.NOT_FOUND;
            case DomainRuleViolation.WRONG_PARTY -> HttpStatus.FORBIDDEN;
            default -> HttpStatus.CONFLICT;
        };
        return new ApiException(status, e.code(), e.getMessage());
    }
}
