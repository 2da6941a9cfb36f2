package io.augur.server.store;

import io.augur.predictor.cache.PrefetchStaging;

import java.nio.file.Path;
import java.util.function.LongSupplier;

/**
 * How to open the store: where, how big, and the memory bound and eviction policy.
 *
 * @param dir              data directory; the map lives in {@code dir/augur.dat}
 * @param entries          capacity in keys, fixed when the file is created
 * @param averageKeyBytes  sizing hint for Chronicle Map
 * @param averageValueBytes sizing hint for Chronicle Map
 * @param maxKeyBytes      largest key accepted
 * @param maxValueBytes    largest value accepted
 * @param maxMemoryBytes   bound on used memory, 0 = none
 * @param policy           what to evict at the bound
 * @param evictionSamples  keys sampled per eviction (maxmemory-samples)
 * @param prefetchStaging  share of maxmemory that prefetched keys not read yet may hold apart from
 *                         W-TinyLFU's admission (prefetch-staging)
 * @param clockMillis      the time source, replaceable in tests
 */
public record StoreConfig(Path dir, long entries, int averageKeyBytes, int averageValueBytes, int maxKeyBytes,
                          long maxValueBytes, long maxMemoryBytes, EvictionPolicy policy, int evictionSamples,
                          double prefetchStaging, LongSupplier clockMillis) {

    public static Builder builder() {
        return new Builder();
    }

    /** Builder with the defaults of `augur serve`. */
    public static final class Builder {
        private Path dir = Path.of("data");
        private long entries = 1_000_000;
        private int averageKeyBytes = 32;
        private int averageValueBytes = 256;
        private int maxKeyBytes = 64 * 1024;
        private long maxValueBytes = 16L * 1024 * 1024;
        private long maxMemoryBytes;
        private EvictionPolicy policy = EvictionPolicy.NOEVICTION;
        private int evictionSamples = 5;
        private double prefetchStaging = PrefetchStaging.DEFAULT_SHARE;
        private LongSupplier clockMillis = System::currentTimeMillis;

        public Builder dir(Path v) { dir = v; return this; }
        public Builder entries(long v) { entries = v; return this; }
        public Builder averageKeyBytes(int v) { averageKeyBytes = v; return this; }
        public Builder averageValueBytes(int v) { averageValueBytes = v; return this; }
        public Builder maxKeyBytes(int v) { maxKeyBytes = v; return this; }
        public Builder maxValueBytes(long v) { maxValueBytes = v; return this; }
        public Builder maxMemoryBytes(long v) { maxMemoryBytes = v; return this; }
        public Builder policy(EvictionPolicy v) { policy = v; return this; }
        public Builder evictionSamples(int v) { evictionSamples = v; return this; }
        public Builder prefetchStaging(double v) { prefetchStaging = v; return this; }
        public Builder clockMillis(LongSupplier v) { clockMillis = v; return this; }

        public StoreConfig build() {
            return new StoreConfig(dir, entries, averageKeyBytes, averageValueBytes, maxKeyBytes, maxValueBytes,
                    maxMemoryBytes, policy, evictionSamples, prefetchStaging, clockMillis);
        }
    }
}
