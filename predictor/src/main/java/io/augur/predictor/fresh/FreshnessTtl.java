package io.augur.predictor.fresh;

/**
 * The TTL that keeps the chance of serving a changed value within a budget: the time by which a
 * Poisson change of rate r has happened with probability {@code budget}, clamped to [min, max].
 */
public final class FreshnessTtl {

    private FreshnessTtl() {
    }

    /**
     * @param ratePerMilli  estimated change rate; NaN = unknown, 0 = never seen a change
     * @param budget        tolerated chance, in (0, 1), that the value changed before the TTL ends
     * @param fallbackMillis TTL for an unknown rate (the fixed setting)
     */
    public static long ttlMillis(double ratePerMilli, double budget, long minMillis, long maxMillis,
                                 long fallbackMillis) {
        double ttl;
        if (Double.isNaN(ratePerMilli)) {
            ttl = fallbackMillis;
        } else if (ratePerMilli <= 0) {
            ttl = maxMillis;
        } else {
            // P(changed by t) = 1 - exp(-r t) = budget
            ttl = -Math.log1p(-budget) / ratePerMilli;
        }
        return (long) Math.max(minMillis, Math.min(maxMillis, ttl));
    }

    /** The chance that a value read {@code ageMillis} after its fetch has changed since, at rate {@code ratePerMilli}. */
    public static double staleChance(double ratePerMilli, long ageMillis) {
        if (Double.isNaN(ratePerMilli) || ratePerMilli <= 0 || ageMillis <= 0) {
            return 0.0;
        }
        return -Math.expm1(-ratePerMilli * ageMillis);
    }
}
