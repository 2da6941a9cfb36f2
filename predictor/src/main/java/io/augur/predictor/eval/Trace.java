package io.augur.predictor.eval;

import java.util.Arrays;

/**
 * A read trace held as arrays: the key id and the client of every read, in order.
 *
 * @param name     the trace's name (the file name without {@code .trace.gz})
 * @param keys     key id of each read
 * @param clients  client of each read (0 for a trace without a client column)
 * @param table    key ids to key bytes; shared with the predictions made over this trace
 * @param distinct distinct keys read
 * @param millisPerRead simulated time between reads (a {@code # millis-per-read: N} header sets it;
 *                      1 otherwise), so time-aware predictors see the trace's clock
 */
public record Trace(String name, int[] keys, int[] clients, KeyTable table, int distinct, long millisPerRead) {

    public Trace(String name, int[] keys, int[] clients, KeyTable table, int distinct) {
        this(name, keys, clients, table, distinct, 1);
    }

    public int reads() {
        return keys.length;
    }

    /** The first {@code n} reads (all when n is larger). */
    public Trace head(int n) {
        if (n >= keys.length) {
            return this;
        }
        int[] k = Arrays.copyOf(keys, n);
        return new Trace(name, k, Arrays.copyOf(clients, n), table, (int) Arrays.stream(k).distinct().count(),
                millisPerRead);
    }

    /**
     * The reads as {@code n} clients replaying contiguous slices of this trace at one rate produce
     * them (augur load does): round-robin over the slices, each slice's reads tagged with its client.
     */
    public Trace interleave(int n) {
        if (n <= 1) {
            return this;
        }
        int total = keys.length;
        int[] k = new int[total];
        int[] c = new int[total];
        int[] next = new int[n];
        int[] end = new int[n];
        for (int s = 0; s < n; s++) {
            next[s] = (int) ((long) total * s / n);
            end[s] = (int) ((long) total * (s + 1) / n);
        }
        int out = 0;
        while (out < total) {
            for (int s = 0; s < n; s++) {
                if (next[s] < end[s]) {
                    k[out] = keys[next[s]++];
                    c[out++] = s;
                }
            }
        }
        return new Trace(name, k, c, table, distinct, millisPerRead);
    }
}
