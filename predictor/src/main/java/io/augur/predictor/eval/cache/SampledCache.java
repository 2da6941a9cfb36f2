package io.augur.predictor.eval.cache;

import io.augur.predictor.cache.AccessClock;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * Redis-style sampled eviction as the store runs it ({@code ChronicleStore.evictOne}): sample a few
 * keys of one random segment into a pool of candidates, evict the pool's best by the policy's score.
 */
abstract class SampledCache implements SimulatedCache {

    /*
     * WARNING: a model of ChronicleStore's eviction; keep in step with it.
     *
     * Sampling: the store picks a random segment, skips a random number of its entries (uniform
     * below the segment's size when that exceeds maxmemory-samples) and takes the next
     * maxmemory-samples entries, fewer when the segment ends first. Chronicle walks a segment in
     * hash-slot order, which has nothing to do with when a key was read, so here the entries taken
     * are that many distinct members of the segment picked at random (a seeded source, so a replay
     * repeats).
     *
     * Pool: candidates join a pool kept between evictions (Redis's EVPOOL_SIZE, 16), every member
     * is re-scored, the pool is sorted by score (stable, highest first), and the first still cached
     * is evicted; the pool is then cut back to 16. Duplicates are kept, as the store keeps them.
     *
     * Segments: the store sizes them from its entry count (ChronicleStore.segmentsFor). The replay's
     * capacity is a key count, so the model is a store whose entry bound is that capacity, with the
     * server's default key and value sizes: one segment per 7,502 entries, a power of two.
     */

    /** Keys sampled per eviction, the server's default maxmemory-samples. */
    static final int SAMPLES = 5;
    /** Candidates kept between evictions, as the store's (and Redis's) EVPOOL_SIZE. */
    private static final int EVICTION_POOL_SIZE = 16;
    /** Segments sampled per eviction before giving up, as the store. */
    private static final int MAX_SAMPLING_ROUNDS = 16;
    /** Entries per segment the store plans with its default sizes: 2 × largest entry / average entry. */
    private static final long ENTRIES_PER_SEGMENT = 2L * (64 * 1024 + 1024 * 1024 + 9) / (32 + 256 + 9);
    /** Seed of the sampling and LFU-increment source: the same rows every run. */
    private static final long SEED = 0x5eedcaceL;

    private final int capacity;
    private final int segments;
    private final IntFunction<byte[]> keyBytes;
    private final LongSupplier clockMillis;
    private final IntConsumer evicted;
    private final SplittableRandom random = new SplittableRandom(SEED);
    final AccessClock clock;

    private int[] slot = new int[0];
    private int[] segmentOf = new int[0];
    /** Index in its segment's member array, -1 when not cached. */
    private int[] position = new int[0];
    private final int[][] members;
    private final int[] memberCount;
    private int size;

    private int[] poolKeys = new int[64];
    private long[] poolScores = new long[64];
    private int poolSize;

    /**
     * @param keyBytes    the bytes of a key id (the store hashes them into a clock slot and a segment)
     * @param clockMillis the replay's clock
     * @param evicted     told each key evicted
     */
    SampledCache(int capacity, IntFunction<byte[]> keyBytes, LongSupplier clockMillis, IntConsumer evicted) {
        this.capacity = Math.max(1, capacity);
        this.segments = segmentsFor(this.capacity);
        this.keyBytes = keyBytes;
        this.clockMillis = clockMillis;
        this.evicted = evicted;
        this.clock = new AccessClock(clockMillis.getAsLong(), random::nextDouble);
        this.members = new int[segments][8];
        this.memberCount = new int[segments];
    }

    /** The store's segment count for an entry bound of {@code entries} (ChronicleStore.segmentsFor). */
    static int segmentsFor(long entries) {
        long n = Math.max(1, entries / Math.max(256, ENTRIES_PER_SEGMENT));
        return Integer.highestOneBit((int) Math.min(n, 1 << 16));
    }

    /** Higher = evicted first, as the store's score(). */
    abstract long score(int slot, long nowMillis);

    @Override
    public boolean contains(int key) {
        return key >= 0 && key < position.length && position[key] >= 0;
    }

    @Override
    public boolean get(int key) {
        if (!contains(key)) {
            return false;
        }
        clock.touch(slot[key], clockMillis.getAsLong());
        return true;
    }

    @Override
    public void put(int key, boolean prefetched) {
        ensure(key);
        if (size >= capacity && !evictOne()) {
            return; // the store refuses the write (OOM): nothing is cached
        }
        int seg = segmentOf[key];
        if (memberCount[seg] == members[seg].length) {
            members[seg] = Arrays.copyOf(members[seg], memberCount[seg] * 2);
        }
        position[key] = memberCount[seg];
        members[seg][memberCount[seg]++] = key;
        size++;
        clock.created(slot[key], clockMillis.getAsLong());
    }

    @Override
    public int size() {
        return size;
    }

    private boolean evictOne() {
        long now = clockMillis.getAsLong();
        // Always one segment's sample, more only while the pool is still empty, as the store does.
        for (int round = 0; round < MAX_SAMPLING_ROUNDS; round++) {
            sample(random.nextInt(segments));
            if (poolSize > 0) {
                break;
            }
        }
        if (poolSize == 0) {
            return false;
        }
        for (int i = 0; i < poolSize; i++) {
            poolScores[i] = score(slot[poolKeys[i]], now);
        }
        sortPool();
        while (poolSize > 0) {
            int best = poolKeys[0];
            System.arraycopy(poolKeys, 1, poolKeys, 0, poolSize - 1);
            System.arraycopy(poolScores, 1, poolScores, 0, poolSize - 1);
            poolSize--;
            if (contains(best)) {
                remove(best);
                poolSize = Math.min(poolSize, EVICTION_POOL_SIZE);
                evicted.accept(best);
                return true;
            }
        }
        return false;
    }

    /** Adds up to SAMPLES members of one segment to the pool, as the store's sample(). */
    private void sample(int seg) {
        int count = memberCount[seg];
        if (count == 0) {
            return;
        }
        long skip = count > SAMPLES ? random.nextLong(count) : 0;
        int found = (int) Math.min(SAMPLES, count - skip);
        int from = poolSize;
        while (poolSize - from < found) {
            int key = found == count ? members[seg][poolSize - from] : members[seg][random.nextInt(count)];
            if (!pickedSince(from, key)) {
                if (poolSize == poolKeys.length) {
                    poolKeys = Arrays.copyOf(poolKeys, poolSize * 2);
                    poolScores = Arrays.copyOf(poolScores, poolSize * 2);
                }
                poolKeys[poolSize++] = key;
            }
        }
    }

    private boolean pickedSince(int from, int key) {
        for (int i = from; i < poolSize; i++) {
            if (poolKeys[i] == key) {
                return true;
            }
        }
        return false;
    }

    /** Stable insertion sort, highest score first (the pool holds at most ~21 candidates). */
    private void sortPool() {
        for (int i = 1; i < poolSize; i++) {
            int key = poolKeys[i];
            long score = poolScores[i];
            int j = i - 1;
            while (j >= 0 && poolScores[j] < score) {
                poolKeys[j + 1] = poolKeys[j];
                poolScores[j + 1] = poolScores[j];
                j--;
            }
            poolKeys[j + 1] = key;
            poolScores[j + 1] = score;
        }
    }

    private void remove(int key) {
        int seg = segmentOf[key];
        int at = position[key];
        int last = members[seg][--memberCount[seg]];
        members[seg][at] = last;
        position[last] = at;
        position[key] = -1;
        size--;
    }

    private void ensure(int key) {
        if (key >= position.length) {
            int from = position.length;
            int n = Math.max(key + 1, from * 2);
            slot = Arrays.copyOf(slot, n);
            segmentOf = Arrays.copyOf(segmentOf, n);
            position = Arrays.copyOf(position, n);
            Arrays.fill(position, from, n, -1);
            Arrays.fill(slot, from, n, -1);
        }
        if (slot[key] < 0) {
            fill(key);
        }
    }

    private void fill(int id) {
        byte[] bytes = keyBytes.apply(id);
        slot[id] = AccessClock.slot(bytes);
        // Chronicle picks a segment from its own hash of the key; any hash independent of the slot's does.
        long h = Arrays.hashCode(bytes) * 0x9E3779B97F4A7C15L;
        segmentOf[id] = (int) ((h ^ (h >>> 29)) & (segments - 1));
    }
}
