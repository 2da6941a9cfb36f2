package io.augur.server.origin;

import java.util.List;

/**
 * A snapshot of one guarded origin's counters, for INFO and metrics.
 *
 * <p>{@code requests = coalesced + rejectedBusy + rejectedOpen + backend calls}, and each finished
 * backend call is exactly one of {@code hits}, {@code absent}, {@code errors}, {@code timeouts}.
 *
 * @param inFlight backend calls running now
 * @param breakerState {@code closed}, {@code open} or {@code half_open}
 * @param latencySumMicros total latency of finished backend calls, in microseconds
 * @param latencyCount finished backend calls the latency sum covers
 * @param latencyBuckets finished backend calls per bucket of {@link #LATENCY_BUCKET_BOUNDS_MILLIS}, not
 *        cumulative; one more entry than the bounds, for calls above the largest (+Inf)
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

    /** Upper bounds of the latency buckets, in milliseconds. */
    public static final List<Long> LATENCY_BUCKET_BOUNDS_MILLIS = LatencyHistogram.BUCKET_BOUNDS_MILLIS;

    public OriginStats {
        latencyBuckets = List.copyOf(latencyBuckets);
    }
}
