package io.settle.saga.archfixture;

/** Deliberately bad saga classes; see LayerRulesCatchViolationsTest. */
public final class SagaReachingOut {

    public static class IntoCommand {
        io.settle.command.archfixture.AggregateReachingOut aggregate;
    }

    public static class IntoQuery {
        io.settle.query.archfixture.ProjectionReachingOut projection;
    }

    public static class IntoApp {
        io.settle.app.web.ApiException error;
    }

    private SagaReachingOut() {
    }
}
