package io.augur.server.config;

import io.augur.predictor.cache.PrefetchStaging;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Every setting of the server, under redis-server's names, with defaults, validation and
 * change listeners. The CLI, the config file and CONFIG GET/SET all go through {@link #settings()}.
 */
public final class ServerConfig {

    private volatile int port = 6379;
    /** Redis's default for normal clients is no limit; reading pauses at 4 MB anyway, so 256 MB only stops runaways. */
    private volatile OutputBufferLimit outputBufferLimit = new OutputBufferLimit(256L << 20, 64L << 20, 60);
    private volatile String bind = "127.0.0.1";
    private volatile Path dir = Path.of("./data");
    private volatile long maxmemory = 0;
    /** The policy a client or the command line chose; null = the default for the bound (see maxmemoryPolicy()). */
    private volatile String maxmemoryPolicy;
    private volatile int maxmemorySamples = 5;
    private volatile double prefetchStaging = PrefetchStaging.DEFAULT_SHARE;
    private volatile String requirepass = "";
    private volatile int maxclients = 10_000;
    private volatile int timeoutSeconds = 0;
    private volatile long protoMaxBulkLen = 512L * 1024 * 1024;
    private volatile int hz = 10;
    private volatile long storeEntries = 1_000_000;
    private volatile long maxValueBytes = 16L * 1024 * 1024;
    private volatile int ioThreads = 1;
    private volatile boolean protectedMode = true;
    private volatile int metricsPort = 9121;
    private volatile int databases = 16;
    private volatile long luaTimeLimitMillis = 5000;
    private volatile long slowlogLogSlowerThanMicros = 10_000;
    private volatile int slowlogMaxLen = 128;
    private volatile long latencyMonitorThresholdMillis = 0;
    private volatile int notifyKeyspaceEvents = 0;
    private volatile String loglevel = "notice";
    private volatile String metricsBind = "127.0.0.1";

    /** Most SLOWLOG entries kept: at ~5 KB of arguments per entry at most, ~20 MB of heap. */
    public static final int MAX_SLOWLOG_LEN = 4096;

    private final Map<String, Setting> settings = new LinkedHashMap<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();
    private final OriginAccessSettings originAccess;
    private final FreshnessSettings freshness;
    private final PrefetchSettings prefetch;
    private final ModelSettings model;
    private final ExperimentSettings experiments;
    private final WarmingSettings warming;
    private final TlsSettings tls;

    public ServerConfig() {
        add("port", "TCP port to listen on (0 picks a free port)", false, () -> Integer.toString(port),
                v -> port = ConfigValues.parseInt(v, 0, 65535));
        add("bind", "address to listen on", false, () -> bind, v -> {
            if (v.isBlank()) {
                throw new IllegalArgumentException("argument must be an address");
            }
            bind = v.trim().split("\\s+")[0];
        });
        add("dir", "data directory for the store file and the saved model", false, () -> dir.toString(),
                v -> dir = Path.of(v));
        add("maxmemory", "memory bound for keys and values (0 = unbounded), e.g. 100mb", true,
                () -> Long.toString(maxmemory), v -> maxmemory = ConfigValues.parseMemory(v));
        add("maxmemory-policy", "noeviction, allkeys-lru, allkeys-lfu, allkeys-random, volatile-lru, "
                        + "volatile-lfu, volatile-random, volatile-ttl, allkeys-tinylfu, volatile-tinylfu; unset: "
                        + "allkeys-tinylfu while maxmemory is set, noeviction without a bound", true, this::maxmemoryPolicy,
                v -> maxmemoryPolicy = parsePolicy(v));
        add("maxmemory-samples", "keys sampled per eviction", true, () -> Integer.toString(maxmemorySamples),
                v -> maxmemorySamples = ConfigValues.parseInt(v, 1, 64));
        add("prefetch-staging", "share of maxmemory (0-1) where prefetched keys wait for their first read under the "
                        + "tinylfu policies, apart from admission (0 = prefetches face admission at once)", true,
                () -> Double.toString(prefetchStaging), v -> prefetchStaging = ConfigValues.parseFraction(v));
        add("requirepass", "password clients must AUTH with (empty = none)", true, () -> requirepass,
                v -> requirepass = v);
        add("maxclients", "maximum number of connected clients", true, () -> Integer.toString(maxclients),
                v -> maxclients = ConfigValues.parseInt(v, 1, 1_000_000));
        add("timeout", "close a client idle for this many seconds (0 = never)", true,
                () -> Integer.toString(timeoutSeconds), v -> timeoutSeconds = ConfigValues.parseInt(v, 0, Integer.MAX_VALUE));
        add("client-output-buffer-limit", "disconnect a client whose unsent replies pass <hard> bytes, or stay above "
                + "<soft> for <soft seconds>: normal <hard> <soft> <soft seconds> (0 = no limit)", true,
                () -> outputBufferLimit.toString(), v -> outputBufferLimit = OutputBufferLimit.parse(v));
        add("proto-max-bulk-len", "largest bulk string a client may send", true,
                () -> Long.toString(protoMaxBulkLen), v -> protoMaxBulkLen = parseBulkLen(v));
        add("hz", "background cycles per second (active expiry, idle timeouts)", true, () -> Integer.toString(hz),
                v -> hz = ConfigValues.parseInt(v, 1, 500));
        add("store-entries", "capacity of the store in keys, fixed when the data file is created", false,
                () -> Long.toString(storeEntries), v -> storeEntries = ConfigValues.parseLong(v, 16, 1_000_000_000));
        add("max-value-size", "largest value stored, e.g. 16mb (at most 64mb: a value passes through the heap whole); larger writes get an error", false,
                () -> Long.toString(maxValueBytes), v -> maxValueBytes = parseValueSize(v));
        add("io-threads", "threads that serve clients (1, like Redis, keeps commands atomic)", false,
                () -> Integer.toString(ioThreads), v -> ioThreads = ConfigValues.parseInt(v, 1, 1));
        add("protected-mode", "yes: without requirepass, only loopback clients are served (as Redis)", true,
                () -> ConfigValues.yesNo(protectedMode), v -> protectedMode = ConfigValues.parseYesNo(v));
        add("metrics-port", "port of the Prometheus endpoint /metrics (and /health, /ready, the status page at /); "
                + "0 = off", false,
                () -> Integer.toString(metricsPort), v -> metricsPort = ConfigValues.parseInt(v, 0, 65535));
        add("metrics-bind", "address of the metrics endpoint (it never exposes key names)", false,
                () -> metricsBind, v -> metricsBind = v.trim());
        add("databases", "number of databases (SELECT 0 to databases-1; at most 255)", false,
                () -> Integer.toString(databases), v -> databases = ConfigValues.parseInt(v, 1, 255));
        add("busy-reply-threshold", "milliseconds a Lua script runs before other clients get BUSY and SCRIPT KILL "
                        + "may stop it; a script that wrote before moving to its own thread is stopped then",
                true, () -> Long.toString(luaTimeLimitMillis), v -> luaTimeLimitMillis = ConfigValues.parseLong(v, 1, 3_600_000));
        add("lua-time-limit", "the old name of busy-reply-threshold (the same setting)", true,
                () -> Long.toString(luaTimeLimitMillis), v -> luaTimeLimitMillis = ConfigValues.parseLong(v, 1, 3_600_000));
        add("slowlog-log-slower-than", "log commands that run at least this many microseconds in SLOWLOG "
                        + "(0 = every command, negative = none)", true, () -> Long.toString(slowlogLogSlowerThanMicros),
                v -> slowlogLogSlowerThanMicros = ConfigValues.parseLong(v, -1, Long.MAX_VALUE));
        // Bounded below Redis's (LONG_MAX): an entry can hold ~5 KB of arguments and the heap is small.
        add("slowlog-max-len", "entries SLOWLOG keeps (the oldest go first; at most " + MAX_SLOWLOG_LEN + ")", true,
                () -> Integer.toString(slowlogMaxLen), v -> slowlogMaxLen = ConfigValues.parseInt(v, 0, MAX_SLOWLOG_LEN));
        add("latency-monitor-threshold", "record commands that take at least this many milliseconds for LATENCY "
                        + "(0 = off)", true, () -> Long.toString(latencyMonitorThresholdMillis),
                v -> latencyMonitorThresholdMillis = ConfigValues.parseLong(v, 0, Long.MAX_VALUE));
        add("notify-keyspace-events", "keyspace notification classes, Redis's letters K E g $ l s h z x e t m d n A "
                        + "(empty = off)", true, () -> NotifyKeyspaceEvents.format(notifyKeyspaceEvents),
                v -> notifyKeyspaceEvents = NotifyKeyspaceEvents.parse(v));
        add("loglevel", "debug, verbose (libraries' info lines too), notice or warning; read at start", false,
                () -> loglevel, v -> loglevel = parseLoglevel(v));
        // Accepted for compatibility with tools that read them (redis-benchmark asks for both):
        // the store is a persisted memory-mapped file, so there are no snapshots or append-only file.
        add("save", "accepted for compatibility; Augur persists every write to its data file", false,
                () -> "", v -> { });
        add("appendonly", "accepted for compatibility; always no (the data file is written in place)", false,
                () -> "no", v -> {
                    if (ConfigValues.parseYesNo(v)) {
                        throw new IllegalArgumentException("Augur has no append-only file; its store file is persistent");
                    }
                });
        // Each component's settings register themselves, in the order the reference lists them.
        originAccess = new OriginAccessSettings(this);
        freshness = new FreshnessSettings(this);
        prefetch = new PrefetchSettings(this);
        model = new ModelSettings(this);
        experiments = new ExperimentSettings(this);
        warming = new WarmingSettings(this);
        tls = new TlsSettings(this);
    }

    public TlsSettings tls() {
        return tls;
    }

    /** The origin, read-through and the origin guard's limits. */
    public OriginAccessSettings originAccess() {
        return originAccess;
    }

    /** Adaptive TTLs and refresh-ahead of values loaded from the origin. */
    public FreshnessSettings freshness() {
        return freshness;
    }

    /** The predictor thread: predictor, reading contexts, planner thresholds and budgets. */
    public PrefetchSettings prefetch() {
        return prefetch;
    }

    /** The LSTM's engine and trainer. */
    public ModelSettings model() {
        return model;
    }

    /** Shadow scoring, the A/B test, auto-switch and drift. */
    public ExperimentSettings experiments() {
        return experiments;
    }

    /** Warming at start and while idle. */
    public WarmingSettings warming() {
        return warming;
    }

    /** Registers a further setting (other parts of the server add theirs, e.g. the prefetcher). */
    public void add(String name, String description, boolean live, Supplier<String> getter, Consumer<String> setter) {
        settings.put(name, new Setting(name, description, getter, setter, live));
    }

    public Map<String, Setting> settings() {
        return Collections.unmodifiableMap(settings);
    }

    public Setting setting(String name) {
        return settings.get(name.toLowerCase(Locale.ROOT));
    }

    /** Applies a value by name and tells the listeners; throws IllegalArgumentException when invalid. */
    public void set(String name, String value) {
        Setting setting = setting(name);
        if (setting == null) {
            throw new IllegalArgumentException("unknown option '" + name + "'");
        }
        setting.apply(value);
        for (Consumer<String> listener : listeners) {
            listener.accept(setting.name());
        }
    }

    /**
     * Runs {@code apply} after each successful {@link #set} of the setting {@code name}: the way a
     * component that owns a live setting applies its own changes.
     */
    public void onChange(String name, Runnable apply) {
        String owned = name.toLowerCase(Locale.ROOT);
        listeners.add(changed -> {
            if (changed.equals(owned)) {
                apply.run();
            }
        });
    }

    /** Called with a setting's name after each successful {@link #set}. */
    public void onChange(Consumer<String> listener) {
        listeners.add(listener);
    }

    /** Names that match a CONFIG GET glob, in registration order. */
    public List<Setting> matching(java.util.function.Predicate<String> nameMatches) {
        List<Setting> result = new ArrayList<>();
        for (Setting s : settings.values()) {
            if (nameMatches.test(s.name())) {
                result.add(s);
            }
        }
        return result;
    }

    private static String parseLoglevel(String value) {
        String level = value.trim().toLowerCase(Locale.ROOT);
        if (!List.of("debug", "verbose", "notice", "warning").contains(level)) {
            throw new IllegalArgumentException("argument(s) must be one of the following: debug, verbose, notice, warning");
        }
        return level;
    }

    private static String parsePolicy(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "noeviction", "allkeys-lru", "allkeys-lfu", "allkeys-random", "volatile-lru", "volatile-lfu",
                 "volatile-random", "volatile-ttl", "allkeys-tinylfu", "volatile-tinylfu" -> v;
            default -> throw new IllegalArgumentException("argument(s) must be one of the following: noeviction, "
                    + "allkeys-lru, allkeys-lfu, allkeys-random, volatile-lru, volatile-lfu, volatile-random, volatile-ttl, "
                    + "allkeys-tinylfu, volatile-tinylfu");
        };
    }

    private static long parseBulkLen(String value) {
        long bytes = ConfigValues.parseMemory(value);
        if (bytes < 1024 * 1024) {
            throw new IllegalArgumentException("argument must be at least 1mb");
        }
        return bytes;
    }

    private static long parseValueSize(String value) {
        long bytes = ConfigValues.parseMemory(value);
        if (bytes < 1024 || bytes > 64L * 1024 * 1024) {
            throw new IllegalArgumentException("argument must be between 1kb and 64mb");
        }
        return bytes;
    }

    public int port() { return port; }
    public OutputBufferLimit outputBufferLimit() { return outputBufferLimit; }
    public String bind() { return bind; }
    public Path dir() { return dir; }
    public long maxmemory() { return maxmemory; }
    /**
     * The policy in force. Unset, a cache with a memory bound gets W-TinyLFU (a frequency-aware
     * policy: 1.07-1.10x Redis allkeys-lfu's hit ratio over the wire, docs/cache-aside.md, and the
     * policy prefetched keys are staged for) and a store without one noeviction, as Redis.
     */
    public String maxmemoryPolicy() {
        String chosen = maxmemoryPolicy;
        return chosen != null ? chosen : maxmemory > 0 ? "allkeys-tinylfu" : "noeviction";
    }
    public int maxmemorySamples() { return maxmemorySamples; }
    public double prefetchStaging() { return prefetchStaging; }
    public String requirepass() { return requirepass; }
    public int maxclients() { return maxclients; }
    public int timeoutSeconds() { return timeoutSeconds; }
    public long protoMaxBulkLen() { return protoMaxBulkLen; }
    public int hz() { return hz; }
    public long storeEntries() { return storeEntries; }
    public long maxValueBytes() { return maxValueBytes; }
    public int ioThreads() { return ioThreads; }
    public boolean protectedMode() { return protectedMode; }
    public int metricsPort() { return metricsPort; }
    public int databases() { return databases; }
    public long luaTimeLimitMillis() { return luaTimeLimitMillis; }
    /** slowlog-log-slower-than in microseconds; negative: SLOWLOG is off. */
    public long slowlogLogSlowerThanMicros() { return slowlogLogSlowerThanMicros; }
    public int slowlogMaxLen() { return slowlogMaxLen; }
    /** latency-monitor-threshold in milliseconds; 0: LATENCY is off. */
    public long latencyMonitorThresholdMillis() { return latencyMonitorThresholdMillis; }
    /** The notify-keyspace-events classes as {@link NotifyKeyspaceEvents} bits. */
    public int notifyKeyspaceEvents() { return notifyKeyspaceEvents; }

    /** Redis's log levels: debug, verbose, notice (the default) or warning. */
    public String loglevel() { return loglevel; }
    public String metricsBind() { return metricsBind; }
}
