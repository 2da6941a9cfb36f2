package io.augur.predictor.model;

/**
 * Turns a predictor's raw score into the observed chance that the key is read soon: the share of
 * past predictions with a similar raw score whose key was read within the horizon.
 */
public final class Calibration {

    /*
     * A table's "probability" is a count ratio: a key seen once with one successor scores 1.0,
     * which on unstructured traffic (zipf-iid) is almost always wrong and makes every table
     * prefetch junk. Bucketing the raw score and counting outcomes gives a calibrated estimate the
     * confidence gate can trust. Each bucket starts from a prior at its raw score (PRIOR_WEIGHT
     * pseudo-observations), and counts halve past MAX_COUNT so the estimate follows drift.
     */

    /** Buckets over the raw score in [0, 1]. */
    private static final int BUCKETS = 10;
    /** Pseudo-observations of the prior (the raw score itself). */
    private static final double PRIOR_WEIGHT = 8;
    /** Observations per bucket after which counts halve. */
    private static final double MAX_COUNT = 20_000;

    private final double[] right = new double[BUCKETS];
    private final double[] total = new double[BUCKETS];

    /** The calibrated chance for a raw score. */
    public double calibrated(double raw) {
        int b = bucket(raw);
        double prior = (b + 0.5) / BUCKETS;
        return (right[b] + PRIOR_WEIGHT * prior) / (total[b] + PRIOR_WEIGHT);
    }

    /** Records whether a prediction made with this raw score came true. */
    public void record(double raw, boolean cameTrue) {
        int b = bucket(raw);
        total[b]++;
        if (cameTrue) {
            right[b]++;
        }
        if (total[b] > MAX_COUNT) {
            total[b] /= 2;
            right[b] /= 2;
        }
    }

    private static int bucket(double raw) {
        return Math.min(BUCKETS - 1, Math.max(0, (int) (raw * BUCKETS)));
    }
}
