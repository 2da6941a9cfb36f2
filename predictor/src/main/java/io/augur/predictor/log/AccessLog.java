package io.augur.predictor.log;

import org.jctools.queues.MpscArrayQueue;

import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The ring buffer between the request path and the predictor thread: many threads offer,
 * one drains. Offering never blocks; when the ring is full the event is dropped and counted.
 */
public final class AccessLog {

    private final MpscArrayQueue<AccessEvent> ring;
    private final LongAdder offered = new LongAdder();
    private final LongAdder dropped = new LongAdder();

    public AccessLog(int capacity) {
        this.ring = new MpscArrayQueue<>(capacity);
    }

    /** Adds the event if there is room; returns false (and counts a drop) when the ring is full. */
    public boolean offer(AccessEvent event) {
        offered.increment();
        if (ring.relaxedOffer(event)) {
            return true;
        }
        dropped.increment();
        return false;
    }

    /** Hands up to {@code max} events to {@code sink}, oldest first; only the predictor thread calls this. */
    public int drain(Consumer<AccessEvent> sink, int max) {
        return ring.drain(sink::accept, max);
    }

    public long offered() {
        return offered.sum();
    }

    public long dropped() {
        return dropped.sum();
    }

    public int size() {
        return ring.size();
    }

    public int capacity() {
        return ring.capacity();
    }
}
