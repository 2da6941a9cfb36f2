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
    /** Weight of a new sample in one context's own latency (a context sees far fewer landings). */
    private static final double CONTEXT_SAMPLE_WEIGHT = 0.25;
    /** Contexts whose read counts are kept; the least recently reading one is forgotten beyond this. */
    private static final int MAX_CONTEXTS = 65_536;

    // WARNING: not thread-safe; the planner calls it from the predictor thread only.
    /** Per context: its reads so far, and the origin's latency in them, smoothed over its own landings. */
    private final Map<Long, ContextClock> contexts = new BoundedLru<>(MAX_CONTEXTS);
    private long serverReads;
    private volatile double serverLatencyReads;
    private volatile double contextLatencyReads;

    /** A read by this context. */
    void read(long context) {
        serverReads++;
        contexts.computeIfAbsent(context, c -> new ContextClock()).reads++;
    }

    /** A stamp to give back to {@link #landed} when the fetch issued now completes. */
    Stamp issue(long context) {
        ContextClock clock = contexts.get(context);
        return new Stamp(context, serverReads, clock == null ? 0 : clock.reads);
    }

    /** The fetch issued at {@code stamp} completed (told on the predictor thread, like every call here). */
    void landed(Stamp stamp) {
        double server = serverReads - stamp.serverReads();
        ContextClock clock = contexts.get(stamp.context());
        double context = clock == null ? 0 : Math.max(0, clock.reads - stamp.contextReads());
        serverLatencyReads = smooth(serverLatencyReads, server, SAMPLE_WEIGHT);
        contextLatencyReads = smooth(contextLatencyReads, context, SAMPLE_WEIGHT);
        if (clock != null) {
            clock.latencyReads = clock.landings++ == 0 ? context
                    : smooth(clock.latencyReads, context, CONTEXT_SAMPLE_WEIGHT);
        }
    }

    private static double smooth(double current, double sample, double weight) {
        return current == 0 ? sample : (1 - weight) * current + weight * sample;
    }

    /**
     * The origin's latency in this context's own reads: a user who reads in bursts needs keys from
     * further ahead than the average user. The average of all contexts until this one has landings.
     */
    double contextReads(long context) {
        ContextClock clock = contexts.get(context);
        return clock == null || clock.landings == 0 ? contextLatencyReads : clock.latencyReads;
    }

    double serverReads() { return serverLatencyReads; }
    double contextReads() { return contextLatencyReads; }

    record Stamp(long context, long serverReads, long contextReads) {
    }

    private static final class ContextClock {
        long reads;
        long landings;
        double latencyReads;
    }
}
