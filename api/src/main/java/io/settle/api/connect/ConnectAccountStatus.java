package io.settle.api.connect;

import java.util.List;

/** Where a provider's Stripe Connect Express account stands, from what {@code account.updated} reports. */
public enum ConnectAccountStatus {
    NOT_STARTED, ONBOARDING, RESTRICTED, ENABLED;

    /**
     * Not submitted yet: still onboarding. Submitted, payouts enabled and nothing past due or disabling it:
     * enabled. Anything else (requirements due, disabled_reason set, payouts off) is restricted.
     */
    public static ConnectAccountStatus from(boolean detailsSubmitted, boolean payoutsEnabled, List<String> pastDue,
                                            String disabledReason) {
        if (!detailsSubmitted) {
            return ONBOARDING;
        }
        boolean clear = (pastDue == null || pastDue.isEmpty()) && disabledReason == null;
        return payoutsEnabled && clear ? ENABLED : RESTRICTED;
    }
}
