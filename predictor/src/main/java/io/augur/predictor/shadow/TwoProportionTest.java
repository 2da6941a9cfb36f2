package io.augur.predictor.shadow;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * The two-proportion z-test: is the difference between two observed rates (hits / reads of two
 * A/B arms) larger than chance would give?
 *
 * @param z      the test statistic (positive when arm A's rate is higher)
 * @param pValue two-sided p-value; NaN when either arm has no observations or the pooled rate is 0 or 1
 */
public record TwoProportionTest(double z, double pValue) {

    private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

    public static TwoProportionTest of(long successesA, long trialsA, long successesB, long trialsB) {
        if (trialsA == 0 || trialsB == 0) {
            return new TwoProportionTest(Double.NaN, Double.NaN);
        }
        double pa = (double) successesA / trialsA;
        double pb = (double) successesB / trialsB;
        double pooled = (double) (successesA + successesB) / (trialsA + trialsB);
        double se = Math.sqrt(pooled * (1 - pooled) * (1.0 / trialsA + 1.0 / trialsB));
        if (se == 0) {
            return new TwoProportionTest(Double.NaN, Double.NaN);
        }
        double z = (pa - pb) / se;
        return new TwoProportionTest(z, 2 * STANDARD_NORMAL.cumulativeProbability(-Math.abs(z)));
    }

    /** Whether the difference is significant at level {@code alpha} (e.g. 0.05). */
    public boolean significantAt(double alpha) {
        return !Double.isNaN(pValue) && pValue < alpha;
    }
}
