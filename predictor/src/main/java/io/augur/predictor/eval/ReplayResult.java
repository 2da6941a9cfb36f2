package io.augur.predictor.eval;

/**
 * The outcome of one replay: one predictor, one eviction policy, one cache size, one origin latency.
 *
 * @param predictor      the predictor's name ({@code none}, {@code belady}, {@code successor}, …)
 * @param eviction       the eviction policy's name ({@code lru}, {@code tinylfu}, …; {@code belady})
 * @param cacheKeys      cache capacity in keys
 * @param lookahead      D: a prefetch lands D reads after it is issued
 * @param reads          reads replayed
 * @param hits           reads served from the cache
 * @param issued         prefetches sent to the origin
 * @param used           prefetched keys read while cached (each counted once)
 * @param wasted         prefetched keys evicted, or left at the end, without being read
 * @param evictedUnread  of the wasted, those evicted before being read (an admission policy's refusal
 *                       included: the key is evicted as it lands)
 * @param late           reads of a key whose prefetch was still in flight (a miss that waits for it)
 * @param originRequests origin requests in all: demand misses plus prefetches
 * @param issuedBySource prefetches issued, by the source of the prediction (network, successor, chain, …)
 * @param usedBySource   prefetched keys read while cached, by the source of the prediction
 */
public record ReplayResult(String predictor, String eviction, int cacheKeys, int lookahead, long reads, long hits,
                           long issued, long used, long wasted, long evictedUnread, long late, long originRequests,
                           java.util.Map<String, Long> issuedBySource, java.util.Map<String, Long> usedBySource) {

    /** A row without prefetches (no per-source counts). */
    public ReplayResult(String predictor, String eviction, int cacheKeys, int lookahead, long reads, long hits,
                        long issued, long used, long wasted, long evictedUnread, long late, long originRequests) {
        this(predictor, eviction, cacheKeys, lookahead, reads, hits, issued, used, wasted, evictedUnread, late,
                originRequests, java.util.Map.of(), java.util.Map.of());
    }

    public double hitRatio() {
        return reads == 0 ? 0 : (double) hits / reads;
    }

    public long misses() {
        return reads - hits;
    }

    /** Whether this row prefetched (not a no-prefetch reference row). */
    public boolean prefetching() {
        return !predictor.equals("none") && !predictor.equals("belady");
    }

    /** Used / issued (NaN with nothing issued). */
    public double precision() {
        return issued == 0 ? Double.NaN : (double) used / issued;
    }

    /** Misses removed, as a share of the misses without prefetch. */
    public double coverage(ReplayResult withoutPrefetch) {
        long before = withoutPrefetch.misses();
        return before == 0 ? 0 : (double) (before - misses()) / before;
    }

    public double originPerRead() {
        return reads == 0 ? 0 : (double) originRequests / reads;
    }
}
