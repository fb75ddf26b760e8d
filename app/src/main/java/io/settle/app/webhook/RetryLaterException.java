package io.settle.app.webhook;

/** The event arrived before something it depends on; the inbox retries it later (not a failure yet). */
public class RetryLaterException extends RuntimeException {

    public RetryLaterException(String message) {
        super(message);
    }
}
