package io.augur.predictor.plan;

import io.augur.predictor.model.BoundedLru;

import java.util.Map;

/**
 * The origin's latency counted in reads: in the server's reads, and in the reading context's own
 * reads (the unit reach-ahead must plan in).
 */
final class OriginLatency {

    /*
     * Why two units: a prefetch for a context's next read is in time when it lands before that
     * context reads again. With 128 users each reading once per ~128 server reads, an origin 63
     * server reads away is half a read away for the user; counting in server reads made the planner
     * reach deep into every user's chain when the next-key guess would have landed in time.
     */

    /** Weight of a new sample in the smoothed latencies. */
    private static final double SAMPLE_WEIGHT = 0.05;
    /** Contexts whose read counts are kept; the least recently reading one is forgotten beyond this. */
    private static final int MAX_CONTEXTS = 65_536;

    // WARNING: not thread-safe; the planner calls it from the predictor thread only.
    /** Reads per context. */
    private final Map<Long, long[]> contextReads = new BoundedLru<>(MAX_CONTEXTS);
    private long serverReads;
    private volatile double serverLatencyReads;
    private volatile double contextLatencyReads;

    /** A read by this context. */
    void read(long context) {
        serverReads++;
        contextReads.computeIfAbsent(context, c -> new long[1])[0]++;
    }

    /** A stamp to give back to {@link #landed} when the fetch issued now completes. */
    Stamp issue(long context) {
        long[] reads = contextReads.get(context);
        return new Stamp(context, serverReads, reads == null ? 0 : reads[0]);
    }

    /** The fetch issued at {@code stamp} completed (told on the predictor thread, like every call here). */
    void landed(Stamp stamp) {
        if (stamp == UNSTAMPED) {
            return;
        }
        double server = serverReads - stamp.serverReads();
        long[] reads = contextReads.get(stamp.context());
        double context = reads == null ? 0 : Math.max(0, reads[0] - stamp.contextReads());
        serverLatencyReads = smooth(serverLatencyReads, server);
        contextLatencyReads = smooth(contextLatencyReads, context);
    }

    private static double smooth(double current, double sample) {
        return current == 0 ? sample : (1 - SAMPLE_WEIGHT) * current + SAMPLE_WEIGHT * sample;
    }

    double serverReads() { return serverLatencyReads; }
    double contextReads() { return contextLatencyReads; }

    record Stamp(long context, long serverReads, long contextReads) {
    }

    /** The stamp of a fetch issued where the reads are not counted (another thread): no latency sample. */
    static final Stamp UNSTAMPED = new Stamp(Long.MIN_VALUE, -1, -1);
}
