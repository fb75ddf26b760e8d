package io.settle.query.archfixture;

/** Deliberately bad query-side classes; see LayerRulesCatchViolationsTest. */
public final class ProjectionReachingOut {

    public static class IntoCommand {
        io.settle.command.archfixture.AggregateReachingOut aggregate;
    }

    public static class IntoSaga {
        io.settle.saga.payment.PaymentGateway gateway;
    }

    public static class IntoApp {
        io.settle.app.web.ApiException error;
    }
}
