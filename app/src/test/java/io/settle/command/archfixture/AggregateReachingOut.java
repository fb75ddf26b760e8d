package io.settle.command.archfixture;

/** Deliberately bad command-side classes reaching into other modules; see LayerRulesCatchViolationsTest. */
public final class AggregateReachingOut {

    public static class IntoQuery {
        io.settle.query.archfixture.ProjectionReachingOut projection;
    }

    public static class IntoSaga {
        io.settle.saga.payment.PaymentGateway gateway;
    }

    public static class IntoApp {
        io.settle.app.web.ApiException error;
    }

    private AggregateReachingOut() {
    }
}
