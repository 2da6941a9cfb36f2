package io.augur.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Active expiry: walks the map a segment at a time within a time budget, removing expired keys. */
final class Expiry {

    private final EntryMap map;
    /** The segment the next cycle starts after, so successive cycles cover the whole map. */
    private int segment;

    Expiry(EntryMap map) {
        this.map = map;
    }

    static boolean isExpired(long expireAtMillis, long nowMillis) {
        return expireAtMillis != 0 && expireAtMillis <= nowMillis;
    }

    /** Removes expired keys through {@code remove} (true when it removed one) until the deadline; returns how many. */
    int cycle(long budgetMicros, long nowMillis, Predicate<byte[]> remove) {
        long deadline = System.nanoTime() + budgetMicros * 1_000;
        int segments = map.segments();
        int removed = 0;
        for (int visited = 0; visited < segments && System.nanoTime() < deadline; visited++) {
            segment = (segment + 1) % segments;
            List<byte[]> expired = new ArrayList<>();
            // Collected first: removing inside the segment walk would modify what is being iterated.
            map.collect(segment, expireAt -> isExpired(expireAt, nowMillis), e -> expired.add(e.key()));
            for (byte[] key : expired) {
                if (remove.test(key)) {
                    removed++;
                }
            }
        }
        return removed;
    }
}
