package io.augur.predictor.fresh;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.augur.predictor.model.KeyBytes;

/**
 * How often origin values change, learnt from refetches (changed or not after a known time), per
 * key with the key's shape ({@link KeyShape}) as the prior. Memory is bounded: at most
 * {@code maxKeys} keys and {@link #MAX_SHAPES} shapes, the least recently seen forgotten first.
 */
public final class ChangeRates {

    /** Shapes remembered; a deployment has a few dozen key templates, this leaves room for noise. */
    public static final int MAX_SHAPES = 4096;
    /** Weight of the shape's evidence in a key's estimate, in observations: a key's own few observations soon outweigh it. */
    static final double PRIOR_OBSERVATIONS = 2.0;
    /** Fading of a key's evidence per new observation (about the last 10 observations count). */
    static final double KEY_DECAY = 0.9;
    /** Fading of a shape's evidence per new observation (about the last 200 count). */
    static final double SHAPE_DECAY = 0.995;

    /*
     * Estimator: changes are modelled as a Poisson process of rate r. A refetch after t ms shows
     * "unchanged" with probability exp(-r t) and "changed" with 1 - exp(-r t): the number of
     * changes inside a changed interval is unseen (interval-censored data). The maximum-likelihood
     * rate solves sum_changed t_i / (exp(r t_i) - 1) = sum_unchanged t_j (Cho and Garcia-Molina,
     * "Estimating frequency of change", ACM TOIT 2003, for irregular access). Keeping every t_i is
     * unbounded; taking the changed intervals at their mean length T = C / c gives the closed form
     * r = c ln(1 + C / U) / C, with c changes, C the time the changed intervals covered and U the
     * time the unchanged ones covered: four decayed numbers per key. For r t << 1 it is c / U
     * (changes per time watched); a key that changes between every pair of fetches gets a rate
     * that grows with the evidence instead of infinity.
     *
     * Prior: a key seen for the first time gets its shape's rate (user:*:profile), and its own
     * first observations are mixed with the shape's evidence scaled to PRIOR_OBSERVATIONS.
     */

    private final Cache<KeyBytes, ChangeEvidence> keys;
    private final Cache<KeyBytes, ChangeEvidence> shapes;

    /** Remembers at most {@code maxKeys} keys. */
    public ChangeRates(long maxKeys) {
        this.keys = Caffeine.newBuilder().maximumSize(maxKeys).executor(Runnable::run).build();
        this.shapes = Caffeine.newBuilder().maximumSize(MAX_SHAPES).executor(Runnable::run).build();
    }

    /** A refetch of {@code key} after {@code elapsedMillis} found its value {@code changed} (or not). */
    public void observe(byte[] key, long elapsedMillis, boolean changed) {
        if (elapsedMillis <= 0) {
            return; // two fetches in the same instant say nothing about a rate
        }
        ChangeEvidence own = keys.get(new KeyBytes(key), k -> new ChangeEvidence());
        synchronized (own) {
            own.record(elapsedMillis, changed, KEY_DECAY);
        }
        ChangeEvidence shape = shapes.get(new KeyBytes(KeyShape.of(key)), k -> new ChangeEvidence());
        synchronized (shape) {
            shape.record(elapsedMillis, changed, SHAPE_DECAY);
        }
    }

    /** The estimated change rate of {@code key} per millisecond; NaN when neither it nor its shape was ever refetched. */
    public double ratePerMilli(byte[] key) {
        ChangeEvidence own = keys.getIfPresent(new KeyBytes(key));
        ChangeEvidence shape = shapes.getIfPresent(new KeyBytes(KeyShape.of(key)));
        ChangeEvidence ownCopy = null;
        if (own != null) {
            synchronized (own) {
                ownCopy = own.copy();
            }
        }
        if (shape == null) {
            return ownCopy == null ? Double.NaN : ownCopy.ratePerMilli();
        }
        ChangeEvidence shapeCopy;
        synchronized (shape) {
            shapeCopy = shape.copy();
        }
        if (ownCopy == null) {
            return shapeCopy.ratePerMilli();
        }
        double weight = Math.min(1.0, PRIOR_OBSERVATIONS / Math.max(1e-9, shapeCopy.observations()));
        return ownCopy.plus(shapeCopy, weight).ratePerMilli();
    }

    /** Keys with evidence now (at most the bound given at construction). */
    public long trackedKeys() {
        return keys.estimatedSize();
    }

    /** Shapes with evidence now. */
    public long trackedShapes() {
        return shapes.estimatedSize();
    }
}
