package io.augur.predictor.plan;

/** The prefetch planner's thresholds and budgets; changed live (CONFIG SET), hence volatile. */
public final class PlannerSettings {

    private volatile double minConfidence = 0.2;
    private volatile int topK = 2;
    private volatile int maxInFlight = 64;
    private volatile double maxRequestsPerSecond = 10_000;
    private volatile long recentWindowMillis = 500;
    private volatile double reachAheadLateShare = 0.2;
    private volatile double minPrecision = DEFAULT_MIN_PRECISION;

    /** Default break-even precision below which a context's prefetching backs off (see PrefetchBackoff). */
    public static final double DEFAULT_MIN_PRECISION = 0.1;

    /** Precision (used / (used + wasted)) below which a reading context's prefetching backs off; 0 = never. */
    public double minPrecision() { return minPrecision; }
    public PlannerSettings minPrecision(double v) { minPrecision = v; return this; }

    /** Smallest predicted probability worth an origin request. */
    public double minConfidence() { return minConfidence; }
    public PlannerSettings minConfidence(double v) { minConfidence = v; return this; }

    /** Prefetches issued per read at most; predictions are considered in order until this many pass. */
    public int topK() { return topK; }
    public PlannerSettings topK(int v) { topK = v; return this; }

    /** Prefetches outstanding at once. */
    public int maxInFlight() { return maxInFlight; }
    public PlannerSettings maxInFlight(int v) { maxInFlight = v; return this; }

    /** Origin requests per second the prefetcher may make. */
    public double maxRequestsPerSecond() { return maxRequestsPerSecond; }
    public PlannerSettings maxRequestsPerSecond(double v) { maxRequestsPerSecond = v; return this; }

    /** Share of recent prefetches landing late above which predictions further ahead are taken too. */
    public double reachAheadLateShare() { return reachAheadLateShare; }
    public PlannerSettings reachAheadLateShare(double v) { reachAheadLateShare = v; return this; }

    /** A key fetched within this window is not fetched again (milliseconds). */
    public long recentWindowMillis() { return recentWindowMillis; }
    public PlannerSettings recentWindowMillis(long v) { recentWindowMillis = v; return this; }
}
