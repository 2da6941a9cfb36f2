package io.augur.predictor.model;

import io.augur.predictor.log.AccessEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Lookahead table: for each key, the keys the same client read {@link #NEAR} to {@link #FAR}
 * reads after it. With a slow origin (a prefetch lands several reads after it is issued) the next
 * key is too late to fetch; these are early enough, and learned directly rather than chained
 * through successors, whose per-step errors multiply.
 */
public final class AheadPredictor implements Predictor {

    /** Nearest distance (in the client's reads) learned: predictions are for this depth. */
    static final int NEAR = 8;
    /** Farthest distance learned (a power of two: the ring's size). */
    static final int FAR = 16;
    private static final int MAX_KEYS = 200_000;
    private static final int KEYS_PER_KEY = 16;
    private static final int MAX_CONNECTIONS = 65_536;

    private final BoundedLru<KeyBytes, TopCounts<KeyBytes>> ahead = new BoundedLru<>(MAX_KEYS);
    private final BoundedLru<Long, Recent> recent = new BoundedLru<>(MAX_CONNECTIONS);

    @Override
    public String name() {
        return Predictors.AHEAD;
    }

    @Override
    public void observe(AccessEvent event) {
        if (event.op() != AccessEvent.Op.READ) {
            return;
        }
        KeyBytes key = new KeyBytes(event.key());
        Recent history = recent.computeIfAbsent(event.connectionId(), c -> new Recent());
        // Each distinct earlier key NEAR..FAR reads back learns this key once. Its table was looked up
        // when it was read and is kept beside it in the ring: nine table updates per read, and a hash
        // lookup each (a cache miss on a large table) was a quarter of the predictor thread live.
        for (int distance = NEAR; distance <= history.size; distance++) {
            if (!history.isAt(distance, key) && !history.repeatedBetween(distance, NEAR)) {
                history.tableBack(distance).add(key);
            }
        }
        history.add(key, ahead.computeIfAbsent(key, k -> new TopCounts<>(KEYS_PER_KEY)));
    }

    @Override
    public List<Prediction> predict(long connectionId, int k) {
        Recent history = recent.get(connectionId);
        if (history == null || history.size == 0) {
            return List.of();
        }
        TopCounts<KeyBytes> next = ahead.get(history.back(1));
        if (next == null) {
            return List.of();
        }
        List<Prediction> result = new ArrayList<>(k);
        int window = FAR - NEAR + 1;
        for (TopCounts.Scored<KeyBytes> s : next.top(k)) {
            // A key read once in every window scores 1/window of the table's total.
            result.add(new Prediction(s.item().bytes(), Math.min(1.0, s.probability() * window), NEAR, name()));
        }
        return result;
    }

    @Override
    public void forgetConnection(long connectionId) {
        recent.remove(connectionId);
    }

    /**
     * A client's last FAR keys, in a ring, each with its lookahead table as it was when the key was
     * read (a table the bound evicted since is learned into and dropped, as if never updated).
     */
    private static final class Recent {
        private final KeyBytes[] keys = new KeyBytes[FAR];
        /** The keys' hashes, so comparing two positions of the ring touches no key unless they match. */
        private final int[] hashes = new int[FAR];
        @SuppressWarnings("unchecked")
        private final TopCounts<KeyBytes>[] tables = new TopCounts[FAR];
        private int next;
        int size;

        void add(KeyBytes key, TopCounts<KeyBytes> table) {
            keys[next] = key;
            hashes[next] = key.hashCode();
            tables[next] = table;
            next = (next + 1) & (FAR - 1);
            size = Math.min(FAR, size + 1);
        }

        /** The key read {@code distance} reads back (1: the last one). */
        KeyBytes back(int distance) {
            return keys[slot(distance)];
        }

        /** The lookahead table of the key read {@code distance} reads back. */
        TopCounts<KeyBytes> tableBack(int distance) {
            return tables[slot(distance)];
        }

        /** Whether {@code key} was read {@code distance} reads back. */
        boolean isAt(int distance, KeyBytes key) {
            int i = slot(distance);
            return hashes[i] == key.hashCode() && keys[i].equals(key);
        }

        /** Whether the key read {@code distance} reads back was also read at some distance in [from, distance). */
        boolean repeatedBetween(int distance, int from) {
            int i = slot(distance);
            for (int d = from; d < distance; d++) {
                int j = slot(d);
                if (hashes[j] == hashes[i] && keys[j].equals(keys[i])) {
                    return true;
                }
            }
            return false;
        }

        private int slot(int distance) {
            return (next - distance) & (FAR - 1); // FAR is a power of two
        }
    }
}
