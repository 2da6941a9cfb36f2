package io.augur.predictor.model.lstm;

import io.augur.predictor.log.AccessEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * For each hour of the day (UTC), the latest reads seen in that hour: what the trainer adds to its
 * recent window so the model keeps seeing every hour of the day, not only the last minutes.
 */
final class DayMemory {

    /*
     * Why: the trainer's window is the last N accesses, which on a busy server is a few minutes,
     * so the time-of-day inputs would barely vary in training and a daily pattern could never be
     * learned. Each hour keeps a ring of its latest reads, contiguous within the hour, so the
     * per-client contexts built from them are real sequences.
     */

    private static final long HOUR_MILLIS = 3_600_000L;
    private static final int HOURS = 24;

    private final AccessEvent[][] rings = new AccessEvent[HOURS][];
    private final long[] added = new long[HOURS];

    /** @param events reads kept over the whole day (0: none) */
    DayMemory(int events) {
        int perHour = events / HOURS;
        for (int h = 0; h < HOURS; h++) {
            rings[h] = new AccessEvent[perHour];
        }
    }

    void add(AccessEvent event) {
        if (event.op() != AccessEvent.Op.READ || rings[0].length == 0) {
            return;
        }
        int hour = (int) Math.floorMod(Math.floorDiv(event.timeMillis(), HOUR_MILLIS), HOURS);
        AccessEvent[] ring = rings[hour];
        ring[(int) (added[hour] % ring.length)] = event;
        added[hour]++;
    }

    /**
     * The reads of every hour whose latest read came before {@code before} (hours still inside the
     * recent window are left to it), each hour's oldest first, the hours in the order they were last seen.
     */
    List<AccessEvent> hoursBefore(long before) {
        List<AccessEvent> out = new ArrayList<>();
        IntStream.range(0, HOURS)
                .filter(h -> added[h] > 0 && latest(h).timeMillis() < before)
                .boxed()
                .sorted(Comparator.comparingLong(h -> latest(h).timeMillis()))
                .forEach(h -> {
                    AccessEvent[] ring = rings[h];
                    long first = Math.max(0, added[h] - ring.length);
                    for (long i = first; i < added[h]; i++) {
                        out.add(ring[(int) (i % ring.length)]);
                    }
                });
        return out;
    }

    private AccessEvent latest(int hour) {
        return rings[hour][(int) ((added[hour] - 1) % rings[hour].length)];
    }
}
