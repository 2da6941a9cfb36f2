package io.augur.predictor.cache;

import java.util.Arrays;
import java.util.function.DoubleSupplier;

/**
 * Approximate recency and frequency per key for sampled LRU/LFU eviction, kept on the heap in
 * fixed arrays indexed by key hash: the store's clock, and the replay's model of the store.
 */
public final class AccessClock {

    /*
     * Design: Redis keeps a 24-bit clock per object. Augur's values live in Chronicle Map, where
     * touching an entry on every read would turn reads into writes. Instead one slot per key hash
     * holds the last access (seconds since start) and one holds an LFU counter; keys that share a
     * slot blur together, which only makes the sampled approximation a little coarser. LFU follows
     * Redis: a logarithmic 8-bit counter (lfu-log-factor 10, new keys at 5) that decays one step per
     * minute idle. One class for the store and the replay (it was written twice, kept in step by a
     * WARNING): the replay's redis-lru and lfu rows model exactly what the store runs.
     */

    /** Slots per array: 2^20, 8 MiB in all, whatever the number of keys. */
    public static final int SLOTS = 1 << 20;
    private static final int LFU_INIT = 5;
    private static final int LFU_LOG_FACTOR = 10;
    private static final long LFU_DECAY_MILLIS = 60_000;

    private final int[] lastAccessSeconds = new int[SLOTS];
    /** High 24 bits: minute of the last decay; low 8 bits: the counter. */
    private final int[] frequency = new int[SLOTS];
    private final long startMillis;
    /** Uniform draws in [0, 1) for the LFU counter's probabilistic increment. */
    private final DoubleSupplier random;

    /**
     * @param startMillis the clock's zero
     * @param random      the store passes ThreadLocalRandom; the replay a seeded source, so it repeats
     */
    public AccessClock(long startMillis, DoubleSupplier random) {
        this.startMillis = startMillis;
        this.random = random;
    }

    /** The key in {@code slot} was read now. */
    public void touch(int slot, long nowMillis) {
        lastAccessSeconds[slot] = seconds(nowMillis);
        int counter = decayed(slot, nowMillis);
        if (counter < 255) {
            double baseval = Math.max(0, counter - LFU_INIT);
            double p = 1.0 / (baseval * LFU_LOG_FACTOR + 1);
            if (random.getAsDouble() < p) {
                counter++;
            }
        }
        frequency[slot] = (minutes(nowMillis) << 8) | counter;
    }

    /** A newly written key starts as just accessed, with Redis's initial LFU count. */
    public void created(int slot, long nowMillis) {
        lastAccessSeconds[slot] = seconds(nowMillis);
        frequency[slot] = (minutes(nowMillis) << 8) | LFU_INIT;
    }

    /** Seconds since the key in {@code slot} was last accessed. */
    public long idleSeconds(int slot, long nowMillis) {
        return seconds(nowMillis) - lastAccessSeconds[slot];
    }

    /** The LFU counter of {@code slot}, decayed to now. */
    public int frequency(int slot, long nowMillis) {
        return decayed(slot, nowMillis);
    }

    private int decayed(int slot, long nowMillis) {
        int packed = frequency[slot];
        int counter = packed & 0xff;
        int idleMinutes = minutes(nowMillis) - (packed >>> 8);
        return Math.max(0, counter - Math.max(0, idleMinutes));
    }

    private int seconds(long nowMillis) {
        return (int) ((nowMillis - startMillis) / 1000);
    }

    private int minutes(long nowMillis) {
        return (int) (((nowMillis - startMillis) / LFU_DECAY_MILLIS) & 0xffffff);
    }

    /** The store's slot of a key: its bytes' hash, mixed. */
    public static int slot(byte[] key) {
        int h = Arrays.hashCode(key);
        h ^= h >>> 16;
        h *= 0x45d9f3b;
        h ^= h >>> 16;
        return h & (SLOTS - 1);
    }
}
