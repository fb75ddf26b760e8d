package io.settle.command.wallet;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.settle.api.Money;
import io.settle.api.payout.PayoutStatus;
import java.util.Objects;

/** A payout as its Wallet tracks it: the reserved amount and how far it got. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class WalletPayout {

    final String id;
    final String userId;
    final Money amount;
    PayoutStatus status = PayoutStatus.REQUESTED;
    boolean bankFailed;
    boolean transferReversed;

    @JsonCreator
    WalletPayout(@JsonProperty("id") String id, @JsonProperty("userId") String userId,
                 @JsonProperty("amount") Money amount) {
        this.id = id;
        this.userId = userId;
        this.amount = amount;
    }

    // value equality, so Axon's test fixture can compare the state built by commands and by sourcing
    @Override
    public boolean equals(Object other) {
        return other instanceof WalletPayout that && id.equals(that.id) && userId.equals(that.userId)
                && amount.equals(that.amount) && status == that.status && bankFailed == that.bankFailed
                && transferReversed == that.transferReversed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, status);
    }
}
