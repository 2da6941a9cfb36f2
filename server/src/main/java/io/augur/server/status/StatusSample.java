package io.augur.server.status;

import java.util.List;

/**
 * What the status page shows at one instant: INFO's counters as they stood (cumulative, as INFO
 * prints them), the predictor serving, and the standing of its shadows and of the A/B test.
 *
 * @param timeMillis        when it was read (epoch milliseconds)
 * @param keyspaceHits      INFO stats `keyspace_hits`
 * @param keyspaceMisses    INFO stats `keyspace_misses`
 * @param prefetchUsed      INFO prefetch `prefetch_used`: hits served by a key a prefetch brought in
 * @param prefetchIssued    INFO prefetch `prefetch_issued`
 * @param prefetchLate      INFO prefetch `prefetch_late`
 * @param prefetchPrecision INFO prefetch `prefetch_precision` (used / issued)
 * @param originRequests    INFO prefetch `origin_requests`
 * @param predictor         INFO prefetch `predictor`: the one issuing prefetches now
 * @param predictors        INFO predictors `predictor_<name>` lines: the active one and its shadows
 * @param ab                INFO predictors `ab_*` lines, or null while no A/B test runs
 */
public record StatusSample(long timeMillis, long keyspaceHits, long keyspaceMisses, long prefetchUsed,
                           long prefetchIssued, long prefetchLate, double prefetchPrecision, long originRequests,
                           String predictor, List<Standing> predictors, AbStanding ab) {

    public StatusSample {
        predictors = List.copyOf(predictors);
    }

    /** One predictor scored on live traffic (INFO's `predictor_<name>` line). */
    public record Standing(String name, boolean active, long predictions, double precision, double coverage) {
    }

    /** The A/B test between two predictors (INFO's `ab_arm_a`, `ab_arm_b`, `ab_p_value`, `ab_leader`). */
    public record AbStanding(String predictorA, String predictorB, long readsA, long readsB, double hitRatioA,
                             double hitRatioB, double pValue, String leader) {
    }
}
