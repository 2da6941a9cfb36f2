package io.augur.predictor.eval.cache;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The store's per-key recency and frequency ({@code server/.../store/AccessClock}), line for line,
 * with a seeded random source so a replay repeats: the scores sampled eviction compares.
 */
final class StoreAccessClock {

    /*
     * WARNING: keep in step with the store's AccessClock (the predictor module may not depend on the
     * server, so the code cannot be shared). As there: 2^20 slots by key hash, so keys that share a
     * slot share a clock; recency in whole seconds; Redis's logarithmic 8-bit LFU counter
     * (lfu-log-factor 10, new keys at 5) that decays one step per idle minute.
     */

    static final int SLOTS = 1 << 20;
    private static final int LFU_INIT = 5;
    private static final int LFU_LOG_FACTOR = 10;
    private static final long LFU_DECAY_MILLIS = 60_000;

    private final int[] lastAccessSeconds = new int[SLOTS];
    /** High 24 bits: minute of the last decay; low 8 bits: the counter. */
    private final int[] frequency = new int[SLOTS];
    private final long startMillis;
    private final SplittableRandom random;

    StoreAccessClock(long startMillis, SplittableRandom random) {
        this.startMillis = startMillis;
        this.random = random;
    }

    void touch(int slot, long nowMillis) {
        lastAccessSeconds[slot] = seconds(nowMillis);
        int counter = decayed(slot, nowMillis);
        if (counter < 255) {
            double baseval = Math.max(0, counter - LFU_INIT);
            double p = 1.0 / (baseval * LFU_LOG_FACTOR + 1);
            if (random.nextDouble() < p) {
                counter++;
            }
        }
        frequency[slot] = (minutes(nowMillis) << 8) | counter;
    }

    void created(int slot, long nowMillis) {
        lastAccessSeconds[slot] = seconds(nowMillis);
        frequency[slot] = (minutes(nowMillis) << 8) | LFU_INIT;
    }

    long idleSeconds(int slot, long nowMillis) {
        return seconds(nowMillis) - lastAccessSeconds[slot];
    }

    int frequency(int slot, long nowMillis) {
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
    static int slot(byte[] key) {
        int h = Arrays.hashCode(key);
        h ^= h >>> 16;
        h *= 0x45d9f3b;
        h ^= h >>> 16;
        return h & (SLOTS - 1);
    }
}
