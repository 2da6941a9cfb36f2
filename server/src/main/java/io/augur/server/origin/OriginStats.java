package io.augur.server.origin;

import java.util.List;

/**
 * A snapshot of one guarded origin's counters, for INFO and metrics.
 */
public record OriginStats(
        long requests,
        long hits,
        long absent,
        long errors,
        long timeouts,
        long rejectedBusy,
        long rejectedOpen,
        long inFlight,
        long coalesced,
        String breakerState,
        long latencySumMicros,
        long latencyCount,
        List<Long> latencyBuckets) {

    /*
     * Accounting: requests = coalesced + rejectedBusy + rejectedOpen + backend calls, and each
     * finished backend call is exactly one of hits, absent, errors, timeouts. inFlight counts
     * backend calls running now. Latency covers finished backend calls: its sum in microseconds,
     * and per bucket (not cumulative) with one entry more than the bounds, for +Inf.
     */

    /** Upper bounds of the latency buckets, in milliseconds. */
    public static final List<Long> LATENCY_BUCKET_BOUNDS_MILLIS = LatencyHistogram.BUCKET_BOUNDS_MILLIS;

    public OriginStats {
        latencyBuckets = List.copyOf(latencyBuckets);
    }
}
