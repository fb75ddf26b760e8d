package io.settle.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.util.StreamProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.eclipse.angus.mail.util.MailStreamProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.util.TestSocketUtils;

/** One pass of the sender drains the outbox, a batch at a time, up to its cap. */
class OutboxMailSenderTest {

    private final int port = TestSocketUtils.findAvailableTcpPort();
    private final GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    private final NotificationOutbox outbox = mock(NotificationOutbox.class);
    private final AtomicLong ids = new AtomicLong();

    @BeforeEach
    void start() {
        smtp.start();
        when(outbox.markSent(any(), anyString(), any())).thenReturn(true);
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    @Test
    void onePassSendsBatchAfterBatchUntilOneComesBackShort() {
        when(outbox.claimDue(any(), any(), anyInt())).thenReturn(claimed(20), claimed(20), claimed(5), claimed(20));

        assertThat(sender(20).sendDue()).isEqualTo(45);

        verify(outbox, times(3)).claimDue(any(), any(), anyInt());
        assertThat(smtp.getReceivedMessages()).hasSize(45);
    }

    @Test
    void jakartaMailFindsItsStreamProviderWithoutScanningTheClassPath() {
        System.clearProperty(StreamProvider.class.getName());
        sender(20);

        assertThat(System.getProperty(StreamProvider.class.getName())).isEqualTo(MailStreamProvider.class.getName());
        assertThat(StreamProvider.provider()).isInstanceOf(MailStreamProvider.class);
    }

    @Test
    void aPassStopsAfterItsCapOfBatches() {
        when(outbox.claimDue(any(), any(), anyInt())).thenAnswer(call -> claimed(2));

        assertThat(sender(2).sendDue()).isEqualTo(2 * OutboxMailSender.MAX_BATCHES_PER_PASS);

        verify(outbox, times(OutboxMailSender.MAX_BATCHES_PER_PASS)).claimDue(any(), any(), anyInt());
    }

    @Test
    void whenTheServerIsAwayEveryRowOfTheBatchWaitsForARetry() {
        smtp.stop();
        when(outbox.claimDue(any(), any(), anyInt())).thenReturn(claimed(3));

        sender(20).sendDue();

        verify(outbox, times(3)).retryAt(any(), any(), contains("MailSendException"));
        verify(outbox, never()).markSent(any(), anyString(), any());
    }

    private OutboxMailSender sender(int batchSize) {
        MailSettings settings = new MailSettings("127.0.0.1", port, "", "", false, false, "Settle <no-reply@settle.local>",
                Duration.ofSeconds(10), 3025, false, "", "", "en-US", "UTC", 8, Duration.ofMinutes(1),
                Duration.ofHours(1), batchSize);
        return new OutboxMailSender(outbox, mock(Recipients.class), settings, Clock.systemUTC(), Duration.ofMinutes(5),
                "settle.test", false);
    }

    private List<NotificationOutbox.Claimed> claimed(int n) {
        return IntStream.range(0, n).mapToObj(i -> {
            long id = ids.incrementAndGet();
            return new NotificationOutbox.Claimed(id, "test:user-" + id, "user-" + id + "@example.test", "Subject " + id,
                    "text", "<p>html</p>", 1, UUID.randomUUID());
        }).toList();
    }
}
