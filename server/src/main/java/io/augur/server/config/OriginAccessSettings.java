package io.augur.server.config;

/**
 * Where misses and prefetches load from and how long a load may take: the origin URI, read-through
 * and the origin guard's limits.
 */
public final class OriginAccessSettings {

    /** Longest TTL a setting accepts, in seconds (100 years). */
    static final long MAX_TTL_SECONDS = 100L * 365 * 86_400;

    private volatile String origin = "";
    private volatile boolean readThrough;
    private volatile long readThroughTtlSeconds = 300;
    private volatile long originTimeoutMillis = 1000;
    private volatile int originMaxConcurrent = 64;

    OriginAccessSettings(ServerConfig config) {
        config.add("origin", "where misses and prefetches load from: http(s)://host/path/{key}, redis://host:port, "
                + "file:///dir, sim://?latency=5ms (empty = none)", false, () -> origin, v -> origin = v.trim());
        config.add("read-through", "yes: a GET miss loads the key from the origin", true,
                () -> ConfigValues.yesNo(readThrough), v -> readThrough = ConfigValues.parseYesNo(v));
        config.add("read-through-ttl", "TTL in seconds of keys loaded by read-through (0 = none)", true,
                () -> Long.toString(readThroughTtlSeconds),
                v -> readThroughTtlSeconds = ConfigValues.parseLong(v, 0, MAX_TTL_SECONDS));
        config.add("origin-timeout", "milliseconds an origin call may take before it fails", true,
                () -> Long.toString(originTimeoutMillis), v -> originTimeoutMillis = ConfigValues.parseLong(v, 1, 600_000));
        config.add("origin-max-concurrent", "origin calls in flight at once; more fail fast", true,
                () -> Integer.toString(originMaxConcurrent), v -> originMaxConcurrent = ConfigValues.parseInt(v, 1, 100_000));
    }

    public String origin() { return origin; }
    /** Whether an origin is configured at all ("none" and empty mean no). */
    public boolean hasOrigin() { return !origin.isBlank() && !origin.equalsIgnoreCase("none"); }
    public boolean readThrough() { return readThrough; }
    public long readThroughTtlSeconds() { return readThroughTtlSeconds; }
    public long originTimeoutMillis() { return originTimeoutMillis; }
    public int originMaxConcurrent() { return originMaxConcurrent; }
}
