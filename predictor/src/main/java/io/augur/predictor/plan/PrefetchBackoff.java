package io.augur.predictor.plan;

import io.augur.predictor.model.BoundedLru;

import java.util.Map;

/**
 * Backs prefetching off, per reading context and source of prediction, while its prefetches stop
 * paying (too few read before eviction or expiry), and lets it recover when probes show they pay again.
 */
public final class PrefetchBackoff {

    /*
     * Why per source as well: a blend proposes keys from several tables for the same context, and
     * they pay very differently (live, per-user trace: the successor's read 17-38%, the delta
     * table's 0.1%). Scored per context alone, the wasted ones dragged the context below the
     * threshold and 104 of 128 users lost the prefetches that paid too.
     *
     * Why per context: one application's users differ (a user who browses a fixed path pays, a
     * user who jumps at random does not); a global switch would starve the first for the second.
     *
     * The signal is precision, used / (used + wasted), smoothed over a context's recent outcomes.
     * A wasted prefetch costs the cache a slot it took from a key that might have been read, and
     * the origin a request; under a memory bound that cost is real, so below the break-even
     * precision the context stops prefetching except for one probe every PROBE_EVERY plans, whose
     * outcomes let its precision climb back. Measured on the cache-aside bench (docs/cache-aside.md).
     *
     * A context is backed off only when its precision is below the threshold beyond doubt: the
     * smoothed share plus two standard errors of a share over its recent outcomes. Why: a share
     * over a few outcomes is noisy, and comparing it bare with the threshold backed off contexts
     * that paid: over the wire (per-user trace, precision 0.15-0.2 against a threshold of 0.1),
     * 111 of 128 users were backed off and three plans in four were dropped. A new context starts
     * at the precision of all contexts together, not at an arbitrary guess.
     */

    /** Weight of one outcome in a context's smoothed precision (about the last 32 outcomes count). */
    private static final double OUTCOME_WEIGHT = 1.0 / 32;
    /** Weight of one outcome in the precision of all contexts, a new context's starting point. */
    private static final double GLOBAL_WEIGHT = 1.0 / 256;
    /** Standard errors the precision must be below the threshold by. */
    private static final double DOUBT = 2;
    /** Outcomes a context needs before it may be backed off: a few unlucky guesses are not a trend. */
    private static final int MIN_OUTCOMES = 8;
    /** While backed off, one plan in this many may still prefetch at first (the probe that can bring it back). */
    static final int PROBE_EVERY = 8;
    /**
     * Each probe let through while the context stays backed off doubles the plans until the next,
     * up to one in this many: where nothing can be learnt (users whose reads a pool interleaves, a
     * random trace) one plan in eight was still an origin request and a staged key for nothing.
     */
    static final int MAX_PROBE_EVERY = 512;
    /** Contexts remembered; the least recently planned one is forgotten beyond this. */
    private static final int MAX_CONTEXTS = 65_536;

    private final Map<Long, ContextScore> contexts = new BoundedLru<>(MAX_CONTEXTS);
    /** Smoothed precision of every context's outcomes together. */
    private double globalPrecision = 0.5;
    private volatile double minPrecision;
    private volatile long backedOffPlans;
    private volatile long probes;
    /** Backed-off contexts, recounted every COUNT_EVERY outcomes so other threads can read it safely. */
    private volatile int backedOffContexts;
    private int outcomesSinceCount;
    /** Outcomes between two recounts of the backed-off contexts. */
    private static final int COUNT_EVERY = 256;

    /** The id a context's prefetches from one source are scored under (both must be the same to share a score). */
    public static long scored(long context, String source) {
        return context * 0x9E3779B97F4A7C15L + source.hashCode();
    }

    /** A controller that backs off contexts whose precision is below {@code minPrecision} (0 = never). */
    public PrefetchBackoff(double minPrecision) {
        this.minPrecision = minPrecision;
    }

    public void minPrecision(double value) {
        this.minPrecision = value;
    }

    public double minPrecision() {
        return minPrecision;
    }

    /** A prefetch this context issued was read (used) or left the cache unread (wasted). */
    public void outcome(long context, boolean used) {
        globalPrecision += GLOBAL_WEIGHT * ((used ? 1 : 0) - globalPrecision);
        contexts.computeIfAbsent(context, c -> new ContextScore(globalPrecision)).add(used);
        if (++outcomesSinceCount >= COUNT_EVERY) {
            outcomesSinceCount = 0;
            backedOffContexts = countBackedOff();
        }
    }

    /** Whether this context may prefetch on this plan; counts back-offs and probes. */
    public boolean allows(long context) {
        double threshold = minPrecision;
        if (threshold <= 0) {
            return true;
        }
        ContextScore score = contexts.get(context);
        if (score == null) {
            return true;
        }
        if (!score.below(threshold)) {
            score.probeEvery = PROBE_EVERY;
            return true;
        }
        if (++score.plansSinceProbe >= score.probeEvery) {
            score.plansSinceProbe = 0;
            score.probeEvery = Math.min(MAX_PROBE_EVERY, score.probeEvery * 2);
            probes++;
            return true;
        }
        backedOffPlans++;
        return false;
    }

    /** Whether the context is backed off now. */
    public boolean backedOff(long context) {
        ContextScore score = contexts.get(context);
        return minPrecision > 0 && score != null && score.below(minPrecision);
    }

    /** Contexts backed off, of those remembered, as last recounted (safe from any thread). */
    public int backedOffContexts() {
        return backedOffContexts;
    }

    private int countBackedOff() {
        int n = 0;
        for (Map.Entry<Long, ContextScore> e : contexts.entrySet()) {
            ContextScore s = e.getValue();
            if (s.below(minPrecision)) {
                n++;
            }
        }
        return n;
    }

    /** Contexts remembered (predictor thread). */
    public int contexts() { return contexts.size(); }
    /** Plans refused because their context was backed off. */
    public long backedOffPlans() { return backedOffPlans; }
    /** Plans let through as probes while their context was backed off. */
    public long probes() { return probes; }

    /** One context's smoothed precision. */
    private static final class ContextScore {
        double precision;
        int outcomes;
        int plansSinceProbe;
        /** Plans from one probe to the next while backed off; back to PROBE_EVERY once it pays. */
        int probeEvery = PROBE_EVERY;

        ContextScore(double prior) {
            this.precision = prior;
        }

        /** Enough outcomes, and the precision below the threshold by DOUBT standard errors. */
        boolean below(double threshold) {
            if (outcomes < MIN_OUTCOMES) {
                return false;
            }
            double n = Math.min(outcomes, 1 / OUTCOME_WEIGHT);
            double variance = Math.max(precision * (1 - precision), 0.01);
            return precision + DOUBT * Math.sqrt(variance / n) < threshold;
        }

        void add(boolean used) {
            precision += OUTCOME_WEIGHT * ((used ? 1 : 0) - precision);
            if (outcomes < Integer.MAX_VALUE) {
                outcomes++;
            }
        }
    }
}
