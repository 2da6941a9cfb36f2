package io.augur.predictor.model.lstm;

import io.augur.predictor.log.AccessEvent;

import java.util.ArrayList;
import java.util.List;

/** The most recent accesses, for the trainer: written by the predictor thread, copied by the trainer. */
final class EventWindow {

    private final AccessEvent[] ring;
    private long seen;

    EventWindow(int capacity) {
        this.ring = new AccessEvent[capacity];
    }

    synchronized void add(AccessEvent event) {
        ring[(int) (seen % ring.length)] = event;
        seen++;
    }

    /** Accesses observed since start. */
    synchronized long seen() {
        return seen;
    }

    /** The window, oldest first. */
    synchronized List<AccessEvent> snapshot() {
        int n = (int) Math.min(seen, ring.length);
        List<AccessEvent> copy = new ArrayList<>(n);
        long first = seen - n;
        for (long i = first; i < seen; i++) {
            copy.add(ring[(int) (i % ring.length)]);
        }
        return copy;
    }
}
