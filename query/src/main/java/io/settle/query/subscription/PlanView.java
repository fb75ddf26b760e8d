package io.settle.query.subscription;

import io.settle.api.Money;
import java.util.List;

public record PlanView(String id, String ownerId, String audience, String name, String description, Money price,
                       String interval, int trialDays, List<String> benefits, Integer commissionBps,
                       String stripePriceId, boolean archived) {
}
