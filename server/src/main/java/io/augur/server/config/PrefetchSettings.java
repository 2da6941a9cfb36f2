package io.augur.server.config;

import io.augur.predictor.context.ReadingContexts;
import io.augur.predictor.plan.PlannerSettings;

/**
 * What the predictor thread does with each read: which predictor serves, how reads group into
 * contexts, the planner's thresholds and budgets, the TTL of prefetched keys and the thread's CPU
 * share. The planner's values live in its own {@link PlannerSettings}, so a CONFIG SET reaches it
 * at once and its defaults are written only there.
 */
public final class PrefetchSettings {

    private final PlannerSettings planner = new PlannerSettings();
    private volatile boolean prefetchEnabled = true;
    private volatile String predictor = "lstm";
    private volatile long prefetchTtlSeconds = 300;
    private volatile int accessLogSize = 65_536;
    private volatile double predictorCpu = 0.5;
    private volatile String prefetchContext = "key";

    PrefetchSettings(ServerConfig config) {
        config.add("prefetch-enabled", "yes: load predicted keys from the origin before they are read", true,
                () -> ConfigValues.yesNo(prefetchEnabled), v -> prefetchEnabled = ConfigValues.parseYesNo(v));
        config.add("predictor", "none, successor, delta, successor+delta, interleaved or lstm (falls back to "
                + "successor+delta until a model is trained)", true, () -> predictor, v -> predictor = PredictorNames.parse(v));
        config.add("prefetch-min-confidence", "smallest predicted probability worth a prefetch (0..1)", true,
                () -> Double.toString(planner.minConfidence()), v -> planner.minConfidence(ConfigValues.parseFraction(v)));
        config.add("prefetch-context", "whose sequence a read continues: connection (one per connection) or key "
                + "(users reconstructed inside pooled connections from hash tags {id} and <type>:<id>:... keys, "
                + "or named with AUGUR.CONTEXT)", true, () -> prefetchContext,
                v -> prefetchContext = ReadingContexts.Mode.parse(v).displayName());
        config.add("prefetch-min-precision", "precision (used / (used + wasted)) below which a reading context's "
                + "prefetching backs off to probes until it pays again (0 = never back off)", true,
                () -> Double.toString(planner.minPrecision()), v -> planner.minPrecision(ConfigValues.parseFraction(v)));
        config.add("prefetch-top-k", "predictions considered after each read", true,
                () -> Integer.toString(planner.topK()), v -> planner.topK(ConfigValues.parseInt(v, 1, 64)));
        config.add("prefetch-max-inflight", "prefetches outstanding at the origin at once", true,
                () -> Integer.toString(planner.maxInFlight()), v -> planner.maxInFlight(ConfigValues.parseInt(v, 1, 100_000)));
        config.add("prefetch-max-rate", "prefetch requests per second to the origin", true,
                () -> Double.toString(planner.maxRequestsPerSecond()),
                v -> planner.maxRequestsPerSecond(ConfigValues.parsePositive(v)));
        config.add("prefetch-ttl", "TTL in seconds of prefetched keys (0 = none)", true,
                () -> Long.toString(prefetchTtlSeconds),
                v -> prefetchTtlSeconds = ConfigValues.parseLong(v, 0, OriginAccessSettings.MAX_TTL_SECONDS));
        config.add("prefetch-dedup-window", "milliseconds during which a key fetched once is not prefetched again",
                true, () -> Long.toString(planner.recentWindowMillis()),
                v -> planner.recentWindowMillis(ConfigValues.parseLong(v, 0, 86_400_000)));
        config.add("predictor-cpu", "share of one core the predictor thread may use (0.01..1); beyond it the "
                + "access log drops events, counted", true, () -> Double.toString(predictorCpu),
                v -> predictorCpu = ConfigValues.parseShare(v));
        config.add("accesslog-size", "capacity of the access log ring buffer (events)", false,
                () -> Integer.toString(accessLogSize), v -> accessLogSize = ConfigValues.parseInt(v, 1024, 1 << 24));
    }

    /** The planner's thresholds and budgets, changed in place by CONFIG SET. */
    public PlannerSettings planner() { return planner; }
    public boolean prefetchEnabled() { return prefetchEnabled; }
    public String predictor() { return predictor; }
    public double minConfidence() { return planner.minConfidence(); }
    /** How reads are grouped into the sequences the predictor learns (see ReadingContexts). */
    public String prefetchContext() { return prefetchContext; }
    /** Break-even precision of a reading context's prefetches; below it the context backs off. */
    public double minPrecision() { return planner.minPrecision(); }
    public int topK() { return planner.topK(); }
    public int maxInFlight() { return planner.maxInFlight(); }
    public double maxRequestsPerSecond() { return planner.maxRequestsPerSecond(); }
    public long prefetchTtlSeconds() { return prefetchTtlSeconds; }
    public long dedupWindowMillis() { return planner.recentWindowMillis(); }
    public int accessLogSize() { return accessLogSize; }
    public double predictorCpu() { return predictorCpu; }
}
