package io.augur.predictor.eval.gen;

import java.util.SplittableRandom;

/**
 * A synthetic access pattern: emits reads (client, key) in the replay trace format. Deterministic
 * for a seed. Each implementation's javadoc says what a prefetcher can and cannot learn from it.
 */
public interface Workload {

    /** Receives each generated read. */
    interface Sink {
        void read(int client, String key);
    }

    /** Simulated hours of a trace whose position is its clock (see {@link #spansAWeek}). */
    int HOURS_PER_WEEK = 7 * 24;

    /** Writes {@code reads} reads over about {@code keys} keys. */
    void generate(int reads, int keys, SplittableRandom random, Sink sink);

    /**
     * Whether position is time: the reads spread evenly over a week of {@link #HOURS_PER_WEEK}
     * simulated hours, so the trace carries a clock for time-aware predictors.
     */
    default boolean spansAWeek() {
        return false;
    }

    /** Reads per simulated hour of such a trace: the generators and the clock header `augur gen` writes agree on it. */
    static int readsPerHour(int reads) {
        return Math.max(1, reads / HOURS_PER_WEEK);
    }

    /** Zipf(α) sampling over 1..n by inverse CDF on a precomputed table (n up to a few million). */
    final class Zipf {
        private final double[] cdf;

        Zipf(int n, double alpha) {
            cdf = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += 1.0 / Math.pow(i + 1, alpha);
                cdf[i] = sum;
            }
            for (int i = 0; i < n; i++) {
                cdf[i] /= sum;
            }
        }

        /** A rank in [0, n): 0 is the most popular. */
        int next(SplittableRandom random) {
            double u = random.nextDouble();
            int lo = 0;
            int hi = cdf.length - 1;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cdf[mid] < u) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            return lo;
        }
    }
}
