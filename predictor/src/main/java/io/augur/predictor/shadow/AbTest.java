package io.augur.predictor.shadow;

import java.util.concurrent.atomic.LongAdder;

/**
 * A live A/B test of two predictors that both prefetch: each connection is assigned to an arm by
 * a hash of its id (deterministic, about half each), and reads and hits are counted per arm.
 */
public final class AbTest {

    private final String predictorA;
    private final String predictorB;
    private final LongAdder[] reads = {new LongAdder(), new LongAdder()};
    private final LongAdder[] hits = {new LongAdder(), new LongAdder()};

    public AbTest(String predictorA, String predictorB) {
        this.predictorA = predictorA;
        this.predictorB = predictorB;
    }

    /** 0 for arm A, 1 for arm B: a SplitMix64 finalizer of the id, so neighbouring ids spread evenly. */
    public static int arm(long connectionId) {
        long z = connectionId + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) ((z ^ (z >>> 31)) & 1);
    }

    /** One read by a connection, a hit or not. */
    public void read(long connectionId, boolean hit) {
        int arm = arm(connectionId);
        reads[arm].increment();
        if (hit) {
            hits[arm].increment();
        }
    }

    public String predictor(int arm) {
        return arm == 0 ? predictorA : predictorB;
    }

    public long reads(int arm) {
        return reads[arm].sum();
    }

    public long hits(int arm) {
        return hits[arm].sum();
    }

    public double hitRatio(int arm) {
        long r = reads(arm);
        return r == 0 ? 0 : (double) hits(arm) / r;
    }

    /** Whether arm A's hit ratio differs from arm B's beyond chance. */
    public TwoProportionTest significance() {
        return TwoProportionTest.of(hits(0), reads(0), hits(1), reads(1));
    }
}
