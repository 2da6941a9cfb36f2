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
     * one more sixteenth of the contexts. A backlog of more than LATE_BACKLOG accesses pauses the
     * shadows too, for one batch at a time: latency, not overload, is what costs prefetches there.
     */

    /** Shed shares are multiples of 1/LEVELS. */
    private static final int LEVELS = 16;
    /** Level 1 pauses the shadows; level 1 + n sheds n/LEVELS of the contexts. */
    private static final int SHADOWS_PAUSED = 1;
    /** The most that is ever shed: some contexts always keep their prefetching. */
    private static final int MAX_LEVEL = SHADOWS_PAUSED + LEVELS - 1;

    /**
     * A backlog (accesses left after a batch) above which the next batch skips the shadows, long
     * before contexts are shed: the next read a prefetch is for comes a client's round later (about
     * 100 reads with 128 users interleaved), and a thread that far behind plans it too late. Measured
     * live (per-user cache-aside, one connection per user, single runs): 0.4525 / 0.4474 / 0.4644
     * without it, 0.4696 / 0.4735 / 0.4733 at 64, 0.4636 / 0.4548 at 128, 0.4804 / 0.467 at 32.
     */
    private static final int LATE_BACKLOG = 64;

    private volatile int level;
    private volatile boolean late;
    private final LongAdder shadowsSkipped = new LongAdder();
    private final LongAdder shed = new LongAdder();

    /** After a batch: the backlog decides whether to shed more or fewer contexts. */
    void adjust(int backlog, int capacity) {
        late = backlog > LATE_BACKLOG;
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

    /** Whether the shadow predictors are paused now: the thread is late, or it is the first step of overload. */
    boolean shadowsPaused() {
        return late || level >= SHADOWS_PAUSED;
    }

    /** A batch went without its shadows' scoring. */
    void shadowsSkipped() {
        shadowsSkipped.increment();
    }

    /** Batches that went without their shadows' scoring. */
    long shadowSkippedBatches() {
        return shadowsSkipped.sum();
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
