package io.augur.server.config;

import java.util.List;


/**
 * The origin, read-through and prefetch settings, registered into {@link ServerConfig} under
 * Redis-style names so they work on the command line, in a config file and with CONFIG SET.
 */
public final class PrefetchSettings {

    private volatile String origin = "";
    private volatile boolean readThrough;
    private volatile long readThroughTtlSeconds = 300;
    private volatile boolean prefetchEnabled = true;
    private volatile String predictor = "lstm";
    private volatile double minConfidence = 0.2;
    private volatile int topK = 2;
    private volatile int maxInFlight = 64;
    private volatile double maxRequestsPerSecond = 1000;
    private volatile long prefetchTtlSeconds = 300;
    private volatile long dedupWindowMillis = 500;
    private volatile long originTimeoutMillis = 1000;
    private volatile int originMaxConcurrent = 64;
    private volatile int accessLogSize = 65_536;
    private volatile double predictorCpu = 0.25;
    private volatile String device = "auto";
    private volatile int engineThreads = 1;
    private volatile long trainIntervalSeconds = 30;
    private volatile long trainMinEvents = 5_000;
    private volatile int trainWindow = 50_000;
    private volatile boolean hourlyTable;
    private volatile int trainDayMemory = 25_000;
    private volatile int modelVocabulary = 2_000;
    private volatile List<String> shadowPredictors = List.of("successor", "delta", "successor+delta");
    private volatile int shadowHorizon = 8;
    private volatile int driftWindow = 5_000;
    private volatile String abTest = "";
    private volatile int warmOnStart = 1_000;
    private volatile boolean autoSwitch;
    private volatile int idleWarmKeys;
    private volatile long idleBelowOps = 100;
    private volatile double autoSwitchMargin = 0.05;
    private volatile double driftMargin = 0.1;
    private volatile String prefetchContext = "key";
    private volatile double minPrecision = io.augur.predictor.plan.PlannerSettings.DEFAULT_MIN_PRECISION;

    /** Registers every setting with the server's configuration. */
    public PrefetchSettings(ServerConfig config) {
        config.add("origin", "where misses and prefetches load from: http(s)://host/path/{key}, redis://host:port, "
                + "file:///dir, sim://?latency=5ms (empty = none)", false, () -> origin, v -> origin = v.trim());
        config.add("read-through", "yes: a GET miss loads the key from the origin", true,
                () -> ConfigValues.yesNo(readThrough), v -> readThrough = ConfigValues.parseYesNo(v));
        config.add("read-through-ttl", "TTL in seconds of keys loaded by read-through (0 = none)", true,
                () -> Long.toString(readThroughTtlSeconds),
                v -> readThroughTtlSeconds = ConfigValues.parseLong(v, 0, 100L * 365 * 86_400));
        config.add("prefetch-enabled", "yes: load predicted keys from the origin before they are read", true,
                () -> ConfigValues.yesNo(prefetchEnabled), v -> prefetchEnabled = ConfigValues.parseYesNo(v));
        config.add("predictor", "none, successor, delta, successor+delta or lstm (falls back to successor+delta "
                + "until a model is trained)", true, () -> predictor, v -> predictor = parsePredictor(v));
        config.add("prefetch-min-confidence", "smallest predicted probability worth a prefetch (0..1)", true,
                () -> Double.toString(minConfidence), v -> minConfidence = parseFraction(v));
        config.add("prefetch-context", "whose sequence a read continues: connection (one per connection) or key "
                + "(users reconstructed inside pooled connections from hash tags {id} and <type>:<id>:... keys, "
                + "or named with AUGUR.CONTEXT)", true, () -> prefetchContext,
                v -> prefetchContext = io.augur.predictor.context.ReadingContexts.Mode.parse(v).displayName());
        config.add("prefetch-min-precision", "precision (used / (used + wasted)) below which a reading context's "
                + "prefetching backs off to probes until it pays again (0 = never back off)", true,
                () -> Double.toString(minPrecision), v -> minPrecision = parseFraction(v));
        config.add("prefetch-top-k", "predictions considered after each read", true, () -> Integer.toString(topK),
                v -> topK = ConfigValues.parseInt(v, 1, 64));
        config.add("prefetch-max-inflight", "prefetches outstanding at the origin at once", true,
                () -> Integer.toString(maxInFlight), v -> maxInFlight = ConfigValues.parseInt(v, 1, 100_000));
        config.add("prefetch-max-rate", "prefetch requests per second to the origin", true,
                () -> Double.toString(maxRequestsPerSecond), v -> maxRequestsPerSecond = parsePositive(v));
        config.add("prefetch-ttl", "TTL in seconds of prefetched keys (0 = none)", true,
                () -> Long.toString(prefetchTtlSeconds),
                v -> prefetchTtlSeconds = ConfigValues.parseLong(v, 0, 100L * 365 * 86_400));
        config.add("prefetch-dedup-window", "milliseconds during which a key fetched once is not prefetched again",
                true, () -> Long.toString(dedupWindowMillis), v -> dedupWindowMillis = ConfigValues.parseLong(v, 0, 86_400_000));
        config.add("origin-timeout", "milliseconds an origin call may take before it fails", true,
                () -> Long.toString(originTimeoutMillis), v -> originTimeoutMillis = ConfigValues.parseLong(v, 1, 600_000));
        config.add("origin-max-concurrent", "origin calls in flight at once; more fail fast", true,
                () -> Integer.toString(originMaxConcurrent), v -> originMaxConcurrent = ConfigValues.parseInt(v, 1, 100_000));
        config.add("predictor-cpu", "share of one core the predictor thread may use (0.01..1); beyond it the "
                + "access log drops events, counted", true, () -> Double.toString(predictorCpu),
                v -> predictorCpu = parseShare(v));
        config.add("accesslog-size", "capacity of the access log ring buffer (events)", false,
                () -> Integer.toString(accessLogSize), v -> accessLogSize = ConfigValues.parseInt(v, 1024, 1 << 24));
        config.add("device", "inference device: auto, cpu, gpu or gpu:N", false, () -> device, v -> device = parseDevice(v));
        config.add("engine-threads", "threads one inference may use (leave cores for serving)", false,
                () -> Integer.toString(engineThreads), v -> engineThreads = ConfigValues.parseInt(v, 1, 64));
        config.add("train-interval", "seconds between checks whether to retrain the LSTM", false,
                () -> Long.toString(trainIntervalSeconds), v -> trainIntervalSeconds = ConfigValues.parseLong(v, 1, 86_400));
        config.add("train-min-events", "new accesses needed before the LSTM retrains", false,
                () -> Long.toString(trainMinEvents), v -> trainMinEvents = ConfigValues.parseLong(v, 100, 1_000_000_000));
        config.add("train-window", "most recent accesses the LSTM trains on (the newest 10% validate)", false,
                () -> Integer.toString(trainWindow), v -> trainWindow = ConfigValues.parseInt(v, 1_000, 5_000_000));
        config.add("train-day-memory", "reads kept from the hours of the day the train window no longer covers, "
                + "trained on with it so the LSTM keeps every hour's pattern (0 = off)", false,
                () -> Integer.toString(trainDayMemory), v -> trainDayMemory = ConfigValues.parseInt(v, 0, 5_000_000));
        config.add("hourly-table", "yes: the LSTM blends per-hour key popularity with its successor and delta "
                + "tables (each calibrated; see README, Time of day)", false,
                () -> ConfigValues.yesNo(hourlyTable), v -> hourlyTable = ConfigValues.parseYesNo(v));
        config.add("model-vocabulary", "most frequent keys the LSTM can name (plus delta tokens)", false,
                () -> Integer.toString(modelVocabulary), v -> modelVocabulary = ConfigValues.parseInt(v, 10, 100_000));
        config.add("shadow-predictors", "predictors scored in shadow on live traffic beside the active one, "
                + "comma-separated (empty = none); INFO predictors", false, () -> String.join(",", shadowPredictors),
                v -> shadowPredictors = parsePredictorList(v));
        config.add("shadow-horizon", "reads within which a predicted key counts as come true (shadow scoring)", false,
                () -> Integer.toString(shadowHorizon), v -> shadowHorizon = ConfigValues.parseInt(v, 1, 1_000));
        config.add("warm-on-start", "most read keys of the previous run loaded from the origin at start (0 = none)",
                false, () -> Integer.toString(warmOnStart), v -> warmOnStart = ConfigValues.parseInt(v, 0, HOT_KEYS));
        config.add("idle-warm", "most read keys per second loaded from the origin while traffic is low "
                + "(0 = off); it stops as soon as traffic passes idle-below-ops", true,
                () -> Integer.toString(idleWarmKeys), v -> idleWarmKeys = ConfigValues.parseInt(v, 0, 10_000));
        config.add("idle-below-ops", "commands per second under which the server counts as idle (idle-warm)", true,
                () -> Long.toString(idleBelowOps), v -> idleBelowOps = ConfigValues.parseLong(v, 0, 100_000_000));
        config.add("auto-switch", "yes: serve the shadow predictor that beats the active one in coverage by "
                + "auto-switch-margin, without worse precision, three 20,000-read windows in a row", true,
                () -> ConfigValues.yesNo(autoSwitch), v -> autoSwitch = ConfigValues.parseYesNo(v));
        config.add("auto-switch-margin", "coverage lead (0..1) a shadow predictor needs to take over", true,
                () -> Double.toString(autoSwitchMargin), v -> autoSwitchMargin = parseFraction(v));
        config.add("ab-test", "a second predictor that also prefetches, for half the connections (by a hash of "
                + "the connection id); hit ratio per arm with a significance test in INFO predictors (empty = off)", true,
                () -> abTest, v -> abTest = v.isBlank() ? "" : parsePredictor(v));
        config.add("drift-window", "predictions of the active predictor per drift window", false,
                () -> Integer.toString(driftWindow), v -> driftWindow = ConfigValues.parseInt(v, 100, 10_000_000));
        config.add("drift-margin", "precision drop below the predictor's own reference window that raises a drift "
                + "alert (and retrains the LSTM)", false, () -> Double.toString(driftMargin), v -> driftMargin = parseFraction(v));
    }

    private static String parsePredictor(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case "none", "successor", "delta", "successor+delta", "lstm" -> v;
            default -> throw new IllegalArgumentException("argument must be one of none, successor, delta, "
                    + "successor+delta, lstm");
        };
    }

    private static List<String> parsePredictorList(String value) {
        List<String> names = new java.util.ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                String name = parsePredictor(part);
                if (!name.equals("none") && !names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return List.copyOf(names);
    }

    private static String parseDevice(String value) {
        String v = value.trim().toLowerCase(java.util.Locale.ROOT);
        if (v.equals("auto") || v.equals("cpu") || v.equals("gpu") || v.matches("gpu:\\d{1,2}")) {
            return v;
        }
        throw new IllegalArgumentException("argument must be auto, cpu, gpu or gpu:N");
    }

    private static double parseFraction(String value) {
        double d = parseDoubleValue(value);
        if (d < 0 || d > 1) {
            throw new IllegalArgumentException("argument must be between 0 and 1");
        }
        return d;
    }

    private static double parseShare(String value) {
        double d = parseDoubleValue(value);
        if (d < 0.01 || d > 1) {
            throw new IllegalArgumentException("argument must be between 0.01 and 1");
        }
        return d;
    }

    private static double parsePositive(String value) {
        double d = parseDoubleValue(value);
        if (d <= 0) {
            throw new IllegalArgumentException("argument must be positive");
        }
        return d;
    }

    private static double parseDoubleValue(String value) {
        try {
            double d = Double.parseDouble(value.trim());
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument must be a number");
        }
    }

    public String origin() { return origin; }
    public boolean readThrough() { return readThrough; }
    public long readThroughTtlSeconds() { return readThroughTtlSeconds; }
    public boolean prefetchEnabled() { return prefetchEnabled; }
    public String predictor() { return predictor; }
    public double minConfidence() { return minConfidence; }
    /** How reads are grouped into the sequences the predictor learns (see ReadingContexts). */
    public String prefetchContext() { return prefetchContext; }
    /** Break-even precision of a reading context's prefetches; below it the context backs off. */
    public double minPrecision() { return minPrecision; }
    public int topK() { return topK; }
    public int maxInFlight() { return maxInFlight; }
    public double maxRequestsPerSecond() { return maxRequestsPerSecond; }
    public long prefetchTtlSeconds() { return prefetchTtlSeconds; }
    public long dedupWindowMillis() { return dedupWindowMillis; }
    public long originTimeoutMillis() { return originTimeoutMillis; }
    public int originMaxConcurrent() { return originMaxConcurrent; }
    public int accessLogSize() { return accessLogSize; }
    public double predictorCpu() { return predictorCpu; }
    public String device() { return device; }
    public int engineThreads() { return engineThreads; }
    public long trainIntervalSeconds() { return trainIntervalSeconds; }
    public long trainMinEvents() { return trainMinEvents; }
    public int trainWindow() { return trainWindow; }
    public boolean hourlyTable() { return hourlyTable; }
    public int trainDayMemory() { return trainDayMemory; }
    public int modelVocabulary() { return modelVocabulary; }
    public List<String> shadowPredictors() { return shadowPredictors; }
    public int shadowHorizon() { return shadowHorizon; }
    public int driftWindow() { return driftWindow; }
    public String abTest() { return abTest; }
    public int warmOnStart() { return warmOnStart; }
    public boolean autoSwitch() { return autoSwitch; }
    public int idleWarmKeys() { return idleWarmKeys; }
    public long idleBelowOps() { return idleBelowOps; }
    public double autoSwitchMargin() { return autoSwitchMargin; }
    /** Most read keys tracked for warming. */
    public static final int HOT_KEYS = 10_000;
    public double driftMargin() { return driftMargin; }
}
