package io.augur.predictor.model.lstm;

import io.augur.predictor.log.AccessEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * What the trainer trains on: the most recent accesses, after the day memory's older hours.
 * Written by the predictor thread, copied by the trainer.
 */
final class EventWindow {

    private final AccessEvent[] ring;
    private final DayMemory day;
    private long seen;

    /**
     * @param capacity  most recent accesses kept
     * @param dayEvents reads kept across the hours of the day outside the recent ones (0: none)
     */
    EventWindow(int capacity, int dayEvents) {
        this.ring = new AccessEvent[capacity];
        this.day = new DayMemory(dayEvents);
    }

    synchronized void add(AccessEvent event) {
        ring[(int) (seen % ring.length)] = event;
        seen++;
        day.add(event);
    }

    /** Accesses observed since start. */
    synchronized long seen() {
        return seen;
    }

    /** The day memory's hours older than the recent accesses, then the recent accesses, oldest first. */
    synchronized List<AccessEvent> snapshot() {
        int n = (int) Math.min(seen, ring.length);
        long first = seen - n;
        if (n == 0) {
            return new ArrayList<>();
        }
        List<AccessEvent> copy = day.hoursBefore(ring[(int) (first % ring.length)].timeMillis());
        for (long i = first; i < seen; i++) {
            copy.add(ring[(int) (i % ring.length)]);
        }
        return copy;
    }
}
