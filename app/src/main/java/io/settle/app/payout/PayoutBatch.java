package io.settle.app.payout;

import io.settle.app.web.ApiException;
import io.settle.query.payout.PayoutQueries;
import io.settle.query.payout.PayoutQueries.PayableWallet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The weekly payout run: one payout of everything available for every provider whose balance reaches the
 * minimum and whose Connect account is enabled. A wallet the Wallet refuses (e.g. funds already reserved
 * since the projection was read) is skipped and counted out.
 */
@Component
public class PayoutBatch {

    private static final Logger log = LoggerFactory.getLogger(PayoutBatch.class);

    private final PayoutQueries queries;
    private final PayoutService payouts;
    private final PayoutSettings settings;

    public PayoutBatch(PayoutQueries queries, PayoutService payouts, PayoutSettings settings) {
        this.queries = queries;
        this.payouts = payouts;
        this.settings = settings;
    }

    /** @return how many payouts were requested */
    public int run() {
        int requested = 0;
        for (PayableWallet wallet : queries.payableWallets()) {
            if (wallet.available() < settings.minimum(wallet.currency()).amount()) {
                continue;
            }
            try {
                payouts.request(wallet.userId(), null, wallet.currency(), "scheduled payout");
                requested++;
            } catch (ApiException e) {
                log.info("Scheduled payout for {} in {} skipped: {} {}", wallet.userId(), wallet.currency(), e.code(),
                        e.getMessage());
            }
        }
        log.info("Payout batch requested {} payout(s)", requested);
        return requested;
    }
}
