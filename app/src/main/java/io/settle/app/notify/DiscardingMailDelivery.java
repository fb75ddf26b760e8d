package io.settle.app.notify;

import com.icegreen.greenmail.mail.MailAddress;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import jakarta.mail.internet.MimeMessage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where the embedded SMTP server delivers: nowhere. It speaks SMTP only, so no one can read a stored
 * message, yet GreenMail's default delivery creates a user per recipient and keeps every message in its
 * mailbox on the heap for as long as the process runs: about 9 KiB for a two-part mail with 1.5 KiB of text
 * (measured), and a booking sends two.
 */
final class DiscardingMailDelivery implements MessageDeliveryHandler {

    private final AtomicLong discarded = new AtomicLong();
    private final GreenMailUser nowhere = new Nowhere();

    @Override
    public GreenMailUser handle(MovingMessage message, MailAddress recipient) {
        return nowhere;
    }

    /** Messages accepted and dropped, one per recipient. */
    long discarded() {
        return discarded.get();
    }

    private final class Nowhere implements GreenMailUser {

        @Override
        public void deliver(MovingMessage message) {
            discarded.incrementAndGet();
        }

        @Override
        public void deliver(MimeMessage message) {
            discarded.incrementAndGet();
        }

        @Override
        public String getEmail() {
            return "discarded@localhost";
        }

        @Override
        public String getLogin() {
            return getEmail();
        }

        @Override
        public void create() {
            // no mailbox to create
        }

        @Override
        public void delete() {
            // no mailbox to delete
        }

        @Override
        public String getPassword() {
            return null;
        }

        @Override
        public void setPassword(String password) {
            throw new UnsupportedOperationException("the discarding mailbox has no login");
        }

        @Override
        public void authenticate(String password) {
            throw new UnsupportedOperationException("the discarding mailbox has no login");
        }

        @Override
        public String getQualifiedMailboxName() {
            return getEmail();
        }
    }
}
