package io.settle.app.dev;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * Reads the event stream on a thread of its own and throws every event away, so that Axon's shared read-ahead
 * (the embedded event store's producer, which only reads while some stream is tailing it) keeps up with the
 * bench generator while every processor is paused. Without it the producer stays where the generator started;
 * the first processor to tail it afterwards makes it read the whole generated burst, and a replaying
 * projection that meets that burst on its way holds every event read after it in memory: a full benchmark
 * run's replay exhausted the heap that way (149,601 read-ahead nodes held; docs/benchmarks.md, "Known
 * problems"). It never deserialises a payload, so it is faster than the producer and holds nothing back.
 */
final class ReadAheadFollower implements AutoCloseable {

    private final BlockingStream<TrackedEventMessage<?>> stream;
    private final AtomicLong position = new AtomicLong(-1);
    private final Thread reader;

    /** @param from a token a tailing processor holds, so the stream joins the read-ahead at once */
    ReadAheadFollower(EventStore eventStore, TrackingToken from) {
        this.stream = eventStore.openStream(from);
        this.reader = new Thread(this::readAll, "bench-read-ahead-follower");
        reader.setDaemon(true);
        reader.start();
    }

    private void readAll() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                if (stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
                    position.set(stream.nextAvailable().trackingToken().position().orElse(-1));
                }
            }
        } catch (InterruptedException stopped) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until the stream has passed {@code index}; false if it did not within {@code timeout}. */
    boolean awaitPast(long index, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (position.get() < index) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    @Override
    public void close() throws InterruptedException {
        reader.interrupt();
        reader.join(TimeUnit.SECONDS.toMillis(10));
        stream.close();
    }
}
