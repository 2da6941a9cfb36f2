package io.augur.server.config;

/**
 * How long values loaded from the origin stay: a TTL learnt from how often each key changes,
 * bounded by a staleness budget and min/max, and refresh-ahead of keys still being read.
 */
public final class FreshnessSettings {

    private volatile boolean adaptiveTtl;
    private volatile double staleBudget = 0.05;
    private volatile long ttlMinMillis = 1000;
    private volatile long ttlMaxMillis = 3_600_000;
    private volatile boolean refreshAhead;

    FreshnessSettings(ServerConfig config) {
        config.add("origin-adaptive-ttl", "yes: a value loaded from the origin gets the TTL its learnt change rate "
                + "and origin-stale-budget allow (no: the fixed read-through-ttl / prefetch-ttl)", true,
                () -> ConfigValues.yesNo(adaptiveTtl), v -> adaptiveTtl = ConfigValues.parseYesNo(v));
        config.add("origin-stale-budget", "tolerated chance (0..1, exclusive) that a value loaded from the origin "
                + "has changed there before its adaptive TTL ends", true, () -> Double.toString(staleBudget),
                v -> staleBudget = parseBudget(v));
        config.add("origin-ttl-min", "shortest adaptive TTL, milliseconds (wins over origin-ttl-max)", true,
                () -> Long.toString(ttlMinMillis),
                v -> ttlMinMillis = ConfigValues.parseLong(v, 1, OriginAccessSettings.MAX_TTL_SECONDS * 1000));
        config.add("origin-ttl-max", "longest adaptive TTL, milliseconds (a key never seen to change grows toward it)", true,
                () -> Long.toString(ttlMaxMillis),
                v -> ttlMaxMillis = ConfigValues.parseLong(v, 1, OriginAccessSettings.MAX_TTL_SECONDS * 1000));
        config.add("origin-refresh-ahead", "yes: a key loaded from the origin, read during its TTL and read about "
                + "twice per TTL or more, is refetched in the background shortly before it expires (within "
                + "prefetch-max-inflight and prefetch-max-rate)",
                true, () -> ConfigValues.yesNo(refreshAhead), v -> refreshAhead = ConfigValues.parseYesNo(v));
    }

    private static double parseBudget(String v) {
        double budget = ConfigValues.parseFraction(v);
        if (budget <= 0 || budget >= 1) {
            throw new IllegalArgumentException("argument must be between 0 and 1, exclusive");
        }
        return budget;
    }

    public boolean adaptiveTtl() { return adaptiveTtl; }
    public double staleBudget() { return staleBudget; }
    public long ttlMinMillis() { return ttlMinMillis; }
    public long ttlMaxMillis() { return ttlMaxMillis; }
    public boolean refreshAhead() { return refreshAhead; }
}
