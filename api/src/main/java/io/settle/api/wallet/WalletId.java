package io.settle.api.wallet;

import java.util.Locale;

/** One wallet per user and currency: {@code <userId>:<currency>}. */
public final class WalletId {

    private WalletId() {
    }

    public static String of(String userId, String currency) {
        return userId + ":" + currency.toLowerCase(Locale.ROOT);
    }
}
