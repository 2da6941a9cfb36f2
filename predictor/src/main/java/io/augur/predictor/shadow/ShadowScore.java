package io.augur.predictor.shadow;

/**
 * How one predictor did on live traffic, scored against what clients actually read next.
 *
 * @param predictor    its name
 * @param active       whether it is the one issuing prefetches
 * @param reads        reads it was scored on: those that followed a read of the same context it predicted after
 * @param predictions  keys it predicted (top-k after each read)
 * @param cameTrue     predicted keys the same client read within the horizon
 * @param foreseen     of those reads, the ones whose key had been predicted for that client within the horizon
 * @param predictNanos time spent in its predict calls
 * @param seen         every read it saw, scored or not (what auto-switch counts its windows in)
 */
public record ShadowScore(String predictor, boolean active, long reads, long predictions, long cameTrue,
                          long foreseen, long predictNanos, long seen) {

    /** Predicted keys that came true, as a share of those predicted. */
    public double precision() {
        return predictions == 0 ? 0 : (double) cameTrue / predictions;
    }

    /** Reads that had been foreseen, as a share of all reads. */
    public double coverage() {
        return reads == 0 ? 0 : (double) foreseen / reads;
    }

    /** Mean cost of one predict call, in microseconds. */
    public double meanPredictMicros() {
        return reads == 0 ? 0 : predictNanos / 1e3 / reads;
    }
}
