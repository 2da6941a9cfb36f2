package io.augur.server.origin;

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
        long latencyCount) {

    /*
     * Accounting: requests = coalesced + rejectedBusy + rejectedOpen + backend calls, and each
     * finished backend call is exactly one of hits, absent, errors, timeouts. inFlight counts
     * backend calls running now. Latency covers finished backend calls: their count and sum in
     * microseconds (the distribution is the metrics histogram, see GuardedOrigin#latencyObserver).
     */
}
