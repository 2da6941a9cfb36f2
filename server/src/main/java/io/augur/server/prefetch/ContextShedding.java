package io.augur.server.prefetch;

import java.util.concurrent.atomic.LongAdder;

/**
 * When the predictor thread falls behind, it first stops scoring the shadow predictors (work that
 * serves no prefetch), then sheds whole reading contexts (a stable share of them, chosen by hash),
 * never random events, so the sequences it still learns stay unbroken.
 */
final class ContextShedding {

    /*
     * Why whole contexts: a dropped event splices two reads of a user that were not adjacent, and a
     * successor table or an LSTM learns the splice as a transition. Skipping a context entirely
     * costs its prefetches while the overload lasts, but teaches nothing false. The access log itself
     * only drops (random events) when even skipping cannot keep up.
     *
     * Control: after each batch the backlog left in the log moves the level one step up when it is
     * above a quarter of the log, and one step down when under 1/32, so a burst sheds briefly and
     * steady overload finds the share the thread can carry. Level 1 pauses the shadows only (a
     * fifth of the thread's time with the default blend, measured by JFR); each level above sheds
     * one more sixteenth of the contexts.
     */

    /** Shed shares are multiples of 1/LEVELS. */
    private static final int LEVELS = 16;
    /** Level 1 pauses the shadows; level 1 + n sheds n/LEVELS of the contexts. */
    private static final int SHADOWS_PAUSED = 1;
    /** The most that is ever shed: some contexts always keep their prefetching. */
    private static final int MAX_LEVEL = SHADOWS_PAUSED + LEVELS - 1;

    private volatile int level;
    private final LongAdder shed = new LongAdder();

    /** After a batch: the backlog decides whether to shed more or fewer contexts. */
    void adjust(int backlog, int capacity) {
        if (backlog > capacity / 4) {
            level = Math.min(MAX_LEVEL, level + 1);
        } else if (backlog < capacity / 32 && level > 0) {
            level = level - 1;
        }
    }

    /** Whether this context's accesses are skipped now (counted when they are). */
    boolean sheds(long context) {
        int l = level - SHADOWS_PAUSED;
        if (l <= 0 || (int) (mix(context) >>> 60) >= l) {
            return false;
        }
        shed.increment();
        return true;
    }

    /** Whether the shadow predictors are paused now (the first step of overload). */
    boolean shadowsPaused() {
        return level >= SHADOWS_PAUSED;
    }

    /** Share of contexts shed now (0..15/16). */
    double share() {
        return (double) Math.max(0, level - SHADOWS_PAUSED) / LEVELS;
    }

    /** Accesses skipped because their context was shed. */
    long shedEvents() {
        return shed.sum();
    }

    /** A 64-bit finalizer (MurmurHash3's): consecutive connection ids land in unrelated shares. */
    private static long mix(long x) {
        x ^= x >>> 33;
        x *= 0xff51afd7ed558ccdL;
        x ^= x >>> 33;
        x *= 0xc4ceb9fe1a85ec53L;
        x ^= x >>> 33;
        return x;
    }
}
