package io.augur.predictor.eval.cache;

import io.augur.predictor.cache.PrefetchStaging;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/** The eviction policies a replay can simulate, by the name {@code augur replay --eviction} takes. */
public enum Eviction {

    LRU("lru"),
    REDIS_LRU("redis-lru"),
    LFU("lfu"),
    TINYLFU("tinylfu");

    /** One line per policy for {@code --help} (a constant, so a picocli annotation can use it). */
    public static final String HELP =
            "  lru        exact LRU (what sampled allkeys-lru approximates; deterministic)%n"
            + "  redis-lru  the store's allkeys-lru: 5 sampled keys per eviction into a pool of 16, idle seconds%n"
            + "  lfu        the store's allkeys-lfu: the same sampling, Redis's logarithmic counter, decay per minute%n"
            + "  tinylfu    W-TinyLFU, Caffeine 3.2 itself (maximumSize); prefetched keys wait for their first read%n"
            + "             in a staging share (--prefetch-staging), then face its admission";

    private final String label;

    Eviction(String label) {
        this.label = label;
    }

    /** The name on the command line and in every row, e.g. "redis-lru". */
    public String label() {
        return label;
    }

    /** The policy named {@code name}; IllegalArgumentException with the known names otherwise. */
    public static Eviction parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (Eviction e : values()) {
            if (e.label.equals(n)) {
                return e;
            }
        }
        throw new IllegalArgumentException("--eviction: " + name + " (expected: "
                + Arrays.stream(values()).map(Eviction::label).collect(Collectors.joining(", ")) + ")");
    }

    /**
     * A fresh, empty cache under this policy.
     *
     * @param capacity    keys it holds
     * @param keyBytes    the bytes of a key id (the sampled policies hash them as the store does)
     * @param clockMillis the replay's clock (the sampled policies keep time as the store does)
     * @param evicted     told each key evicted, at once
     */
    public SimulatedCache create(int capacity, IntFunction<byte[]> keyBytes, LongSupplier clockMillis,
                                 IntConsumer evicted) {
        return create(capacity, keyBytes, clockMillis, evicted, PrefetchStaging.DEFAULT_SHARE);
    }

    /**
     * As above, with the share of the capacity where prefetched keys wait for their first read
     * under W-TinyLFU (the store's prefetch-staging; the other policies stage nothing).
     */
    public SimulatedCache create(int capacity, IntFunction<byte[]> keyBytes, LongSupplier clockMillis,
                                 IntConsumer evicted, double prefetchStaging) {
        return switch (this) {
            case LRU -> new ExactLruCache(capacity, 1024, evicted);
            case REDIS_LRU -> new RedisLruCache(capacity, keyBytes, clockMillis, evicted);
            case LFU -> new RedisLfuCache(capacity, keyBytes, clockMillis, evicted);
            case TINYLFU -> new TinyLfuCache(capacity, prefetchStaging, keyBytes, evicted);
        };
    }
}
