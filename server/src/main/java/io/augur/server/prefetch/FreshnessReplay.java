package io.augur.server.prefetch;

import io.augur.predictor.eval.Trace;
import io.augur.server.config.ServerConfig;
import io.augur.server.origin.ChangeSchedule;
import io.augur.server.origin.SimulatedOrigin;
import io.augur.server.store.ChronicleStore;
import io.augur.server.store.EvictionPolicy;
import io.augur.server.store.StoreConfig;
import io.augur.server.store.StoredValue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Replays a trace as read-through GETs against the simulated origin, on a simulated clock, through
 * the server's own store, origin loader, adaptive TTLs and refresh-ahead; counts hits, origin reads
 * and stale reads (a hit whose value the origin had already changed: the sim origin knows).
 */
public final class FreshnessReplay {

    /** How often refresh-ahead looks for due refreshes, simulated milliseconds (as the server's timer). */
    private static final long TICK_MILLIS = PrefetchRuntime.REFRESH_TICK_MILLIS;
    /** Keys counted as hot: the most read ones, whose misses after warm-up refresh-ahead should remove. */
    public static final int HOT_KEYS = 100;

    /** One configuration: a fixed TTL (adaptive off), or adaptive TTL at a budget with or without refresh-ahead. */
    public record Setup(String name, long fixedTtlSeconds, boolean adaptive, double budget, boolean refreshAhead) {
    }

    /** What one configuration measured. */
    public record Result(Setup setup, long reads, long hits, long originReads, long staleReads, long hotMissesAfterWarmUp,
                         Map<String, Long> hotMissesByGroup, long refreshes, long refreshesUsed, double meanTtlMillis,
                         double estimatedStalePerHit) {
        public double hitRatio() { return (double) hits / reads; }
        /** Stale reads per hit, as measured against the origin's truth. */
        public double stalePerHit() { return hits == 0 ? 0.0 : (double) staleReads / hits; }
        public double originReadsPerRead() { return (double) originReads / reads; }
        public double staleShare() { return (double) staleReads / reads; }
    }

    private final Trace trace;
    private final String[] groups;
    private final ChangeSchedule changes;
    private final long millisPerRead;
    private final long ttlMinMillis;
    private final long ttlMaxMillis;
    private final double refreshRate;

    /**
     * @param groups       key prefixes; trace key id i reads {@code groups[hash(i) % n] + i}
     * @param changes      how often each group's values change at the origin
     * @param millisPerRead simulated time between reads
     */
    public FreshnessReplay(Trace trace, List<String> groups, String changes, long millisPerRead, long ttlMinMillis,
                           long ttlMaxMillis, double refreshRate) {
        this.trace = trace;
        this.groups = groups.toArray(new String[0]);
        this.changes = ChangeSchedule.parse(changes);
        this.millisPerRead = millisPerRead;
        this.ttlMinMillis = ttlMinMillis;
        this.ttlMaxMillis = ttlMaxMillis;
        this.refreshRate = refreshRate;
    }

    private String group(int id) {
        return groups[(int) (SimulatedOrigin.unitHashOf(trace.table().key(id)) * groups.length)];
    }

    private byte[][] keys() {
        byte[][] keys = new byte[trace.table().size()][];
        for (int id = 0; id < keys.length; id++) {
            String raw = new String(trace.table().key(id), StandardCharsets.ISO_8859_1);
            keys[id] = (group(id) + raw).getBytes(StandardCharsets.ISO_8859_1);
        }
        return keys;
    }

    private Set<Integer> hotIds() {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int id : trace.keys()) {
            counts.merge(id, 1, Integer::sum);
        }
        return counts.entrySet().stream().sorted(Map.Entry.<Integer, Integer>comparingByValue(Comparator.reverseOrder()))
                .limit(HOT_KEYS).map(Map.Entry::getKey).collect(Collectors.toCollection(HashSet::new));
    }

    public Result run(Setup setup) throws IOException {
        byte[][] keys = keys();
        Set<Integer> hot = hotIds();
        Path dir = Files.createTempDirectory("augur-freshness");
        AtomicLong clock = new AtomicLong(1_700_000_000_000L);
        ServerConfig config = new ServerConfig();
        config.set("origin-adaptive-ttl", setup.adaptive() ? "yes" : "no");
        config.set("origin-stale-budget", Double.toString(setup.adaptive() ? setup.budget() : 0.05));
        config.set("origin-ttl-min", Long.toString(ttlMinMillis));
        config.set("origin-ttl-max", Long.toString(ttlMaxMillis));
        config.set("origin-refresh-ahead", setup.refreshAhead() ? "yes" : "no");
        config.set("prefetch-max-rate", Double.toString(refreshRate));
        SimulatedOrigin origin = new SimulatedOrigin(Duration.ZERO, Duration.ZERO, 0, 0, 40, changes, clock::get);
        try (ChronicleStore store = ChronicleStore.open(StoreConfig.builder().dir(dir)
                .entries(Math.max(1000, keys.length * 2L)).maxValueBytes(1 << 16).maxMemoryBytes(0)
                .policy(EvictionPolicy.parse("noeviction")).evictionSamples(5).clockMillis(clock::get).build())) {
            Freshness freshness = new Freshness(config.freshness(), new FreshnessStats());
            // Zero latency: the origin answers at once and the "command loop" runs inline, so one thread replays.
            OriginLoader loader = new OriginLoader(origin, store, Runnable::run, clock::get, freshness);
            RefreshAhead refresh = new RefreshAhead(config.freshness(), config.prefetch(), freshness, loader,
                    k -> setup.fixedTtlSeconds());
            freshness.storedListener(refresh::stored);
            long hits = 0;
            long stale = 0;
            long hotMisses = 0;
            Map<String, Long> hotMissesByGroup = new java.util.TreeMap<>();
            for (String g : groups) {
                hotMissesByGroup.put(g, 0L);
            }
            long nextTick = clock.get();
            int[] reads = trace.keys();
            for (int i = 0; i < reads.length; i++) {
                long now = clock.addAndGet(millisPerRead);
                while (nextTick <= now) {
                    refresh.tick(nextTick);
                    nextTick += TICK_MILLIS;
                }
                byte[] key = keys[reads[i]];
                StoredValue v = store.get(key);
                if (v != null) {
                    hits++;
                    freshness.read(key, true, now);
                    if (!Arrays.equals(v.value(), origin.valueAt(key, now))) {
                        stale++;
                    }
                } else {
                    freshness.read(key, false, now);
                    if (i >= reads.length / 2 && hot.contains(reads[i])) {
                        hotMisses++;
                        hotMissesByGroup.merge(group(reads[i]), 1L, Long::sum);
                    }
                    byte[] value = loader.fetch(key).toCompletableFuture().join();
                    loader.storeIfAbsent(key, value, setup.fixedTtlSeconds(), false);
                }
            }
            FreshnessStats s = freshness.stats();
            return new Result(setup, reads.length, hits, origin.requests(), stale, hotMisses, hotMissesByGroup,
                    s.refreshIssued(),
                    s.refreshUsed(), s.meanTtlMillis(), s.estimatedStaleReadRatio());
        } finally {
            origin.close();
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp directory left behind is harmless
        }
    }
}
