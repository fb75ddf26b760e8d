package io.settle.app.axon;

import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;

/**
 * Recognises a lost optimistic-locking race: another command appended to the same aggregate (or created
 * it) at the same moment. Running the command again on the new state is safe and settles it.
 */
public final class ConcurrencyConflicts {

    private ConcurrencyConflicts() {
    }

    public static boolean isConflict(Throwable failure) {
        return Causes.any(failure, ConcurrencyException.class, AggregateStreamCreationException.class);
    }
}
