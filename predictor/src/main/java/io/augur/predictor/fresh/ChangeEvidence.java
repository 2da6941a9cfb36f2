package io.augur.predictor.fresh;

/**
 * What refetches of one key (or one key shape) have shown about how often it changes: changed and
 * unchanged observations with the time each covered, older ones fading. Not thread-safe.
 */
final class ChangeEvidence {

    /** Observations: all decayed, so the estimate follows a key whose rate changes. */
    private double observations;
    private double changes;
    /** Time covered by intervals that ended with a changed value, in milliseconds. */
    private double changedMillis;
    /** Time covered by intervals that ended with the same value, in milliseconds. */
    private double unchangedMillis;

    void record(long elapsedMillis, boolean changed, double decay) {
        observations = observations * decay + 1;
        changes *= decay;
        changedMillis *= decay;
        unchangedMillis *= decay;
        if (changed) {
            changes += 1;
            changedMillis += elapsedMillis;
        } else {
            unchangedMillis += elapsedMillis;
        }
    }

    double observations() {
        return observations;
    }

    /** This evidence plus {@code weight} times {@code other}'s. */
    ChangeEvidence plus(ChangeEvidence other, double weight) {
        ChangeEvidence sum = new ChangeEvidence();
        sum.observations = observations + weight * other.observations;
        sum.changes = changes + weight * other.changes;
        sum.changedMillis = changedMillis + weight * other.changedMillis;
        sum.unchangedMillis = unchangedMillis + weight * other.unchangedMillis;
        return sum;
    }

    ChangeEvidence copy() {
        return plus(new ChangeEvidence(), 0);
    }

    /**
     * The Poisson change rate, per millisecond, that explains this evidence; NaN without any.
     * See {@link ChangeRates} for the estimator.
     */
    double ratePerMilli() {
        if (observations <= 0) {
            return Double.NaN;
        }
        double total = changedMillis + unchangedMillis;
        if (changes <= 1e-9) {
            // Never seen a change: half a change over the time watched, so the interval grows with the watch.
            return total <= 0 ? Double.NaN : 0.5 / total;
        }
        if (changedMillis <= 0) {
            return Double.NaN;
        }
        double meanChangedInterval = changedMillis / changes;
        // Every interval changed: at least that fast; counted as if half a mean interval had passed unchanged.
        double unchanged = unchangedMillis > 0 ? unchangedMillis : meanChangedInterval / 2;
        return changes * Math.log1p(changedMillis / unchanged) / changedMillis;
    }
}
