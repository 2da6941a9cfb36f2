package io.augur.predictor.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Watches, per client, whether the keys it was told to expect are read within the next
 * {@link #HORIZON_READS} reads, and feeds the outcome to the calibration of the source that named them.
 */
public final class OutcomeTracker {

    /** Reads within which a predicted key counts as read "soon" (a prefetch is used if read before eviction). */
    public static final int HORIZON_READS = 32;
    /** Clients tracked. */
    private static final int MAX_CONNECTIONS = 65_536;
    /** Pending expectations per client. */
    private static final int MAX_PENDING = 64;

    private final BoundedLru<Long, List<Expectation>> pending = new BoundedLru<>(MAX_CONNECTIONS);

    /** A key a source named, with the raw score it gave and the reads left to come true. */
    private static final class Expectation {
        final byte[] key;
        final double raw;
        final Calibration source;
        int readsLeft = HORIZON_READS;

        Expectation(byte[] key, double raw, Calibration source) {
            this.key = key;
            this.raw = raw;
            this.source = source;
        }
    }

    /** Settles the client's expectations against the key it just read. */
    public void read(long connectionId, byte[] key) {
        List<Expectation> list = pending.get(connectionId);
        if (list == null) {
            return;
        }
        list.removeIf(e -> {
            if (Arrays.equals(e.key, key)) {
                e.source.record(e.raw, true);
                return true;
            }
            if (--e.readsLeft == 0) {
                e.source.record(e.raw, false);
                return true;
            }
            return false;
        });
    }

    /** The client now expects {@code key}, as {@code source} predicted with score {@code raw}. */
    public void expect(long connectionId, byte[] key, double raw, Calibration source) {
        List<Expectation> list = pending.computeIfAbsent(connectionId, c -> new ArrayList<>());
        for (Expectation e : list) {
            if (Arrays.equals(e.key, key)) {
                return; // already expected: one outcome per key and window
            }
        }
        if (list.size() < MAX_PENDING) {
            list.add(new Expectation(key, raw, source));
        }
    }

    public void forget(long connectionId) {
        pending.remove(connectionId);
    }
}
