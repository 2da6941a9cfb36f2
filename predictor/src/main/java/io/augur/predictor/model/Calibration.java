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
     * confidence gate can trust. Each bucket starts from a prior (PRIOR_WEIGHT pseudo-observations),
     * and counts halve past MAX_COUNT so the estimate follows drift.
     *
     * Prior: the bucket's raw score, but never above what the source's keys came true at over all
     * its buckets. Why: a source that is nearly always wrong still gives a rare high raw score (the
     * delta table's strides over random product ids: 396k predictions at 0.25 of which 27 came
     * true, and a few hundred at 0.3-1.0), and those rare buckets never gathered outcomes enough to
     * leave a raw-score prior, so its keys passed the 0.2 confidence gate: on the per-user
     * cache-aside trace 3,730 delta prefetches, 5 read. With no outcomes at all the prior is the raw
     * score, as before.
     */

    /** Buckets over the raw score in [0, 1]. */
    private static final int BUCKETS = 10;
    /** Pseudo-observations of the prior (the raw score itself). */
    private static final double PRIOR_WEIGHT = 8;
    /** Observations per bucket after which counts halve. */
    private static final double MAX_COUNT = 20_000;

    private final double[] right = new double[BUCKETS];
    private final double[] total = new double[BUCKETS];
    /** The buckets' sums: the source's outcomes over all its raw scores. */
    private double rightAll;
    private double totalAll;

    /** The calibrated chance for a raw score. */
    public double calibrated(double raw) {
        int b = bucket(raw);
        double midpoint = (b + 0.5) / BUCKETS;
        double prior = Math.min(midpoint, (rightAll + PRIOR_WEIGHT * midpoint) / (totalAll + PRIOR_WEIGHT));
        return (right[b] + PRIOR_WEIGHT * prior) / (total[b] + PRIOR_WEIGHT);
    }

    /** Records whether a prediction made with this raw score came true. */
    public void record(double raw, boolean cameTrue) {
        int b = bucket(raw);
        total[b]++;
        totalAll++;
        if (cameTrue) {
            right[b]++;
            rightAll++;
        }
        if (total[b] > MAX_COUNT) {
            totalAll -= total[b] / 2;
            rightAll -= right[b] / 2;
            total[b] /= 2;
            right[b] /= 2;
        }
    }

    private static int bucket(double raw) {
        return Math.min(BUCKETS - 1, Math.max(0, (int) (raw * BUCKETS)));
    }
}
