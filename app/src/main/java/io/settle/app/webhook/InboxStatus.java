package io.settle.app.webhook;

/** Where a Stripe event is in the inbox. */
public enum InboxStatus {
    /** Stored, waiting for its first processing. */
    RECEIVED,
    /** Claimed by one worker; reclaimable once the claim is older than the processing timeout. */
    PROCESSING,
    /** The router handled it. */
    PROCESSED,
    /** A type Settle does not act on: stored and acknowledged, nothing else. */
    IGNORED,
    /** It came too early (the router threw {@link RetryLaterException}); due again at next_attempt_at. */
    RETRY,
    /** Mapping failed or retries ran out; waits for an admin retry. */
    FAILED
}
