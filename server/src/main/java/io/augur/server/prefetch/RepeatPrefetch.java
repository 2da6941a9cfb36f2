package io.augur.server.prefetch;

import io.augur.predictor.model.Prediction;
import io.augur.predictor.plan.PrefetchPlanner;
import io.augur.server.store.Store;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;

/**
 * Per key, the surest keys predicted after it the last time it was read; when the key is read
 * again, the command thread fetches those keys at once (those not cached and not in flight),
 * before the predictor thread reaches that read. The predictor thread still plans after it as
 * always; what is already in flight it skips.
 */
final class RepeatPrefetch {

    /*
     * What is repeated: PrefetchPlanner.repeatable, the predictions of at least REPEAT_MIN_CHANCE
     * (the replay applies the same rule), replaced at every prediction after the key, so a key whose
     * predictions grew unsure repeats nothing (a plan kept from when its table had seen one successor
     * would fetch noise for ever).
     *
     * Why: on a busy machine the predictor thread runs behind the reads (INFO prefetch_batch_per_read:
     * ~100 reads one connection per user, ~230 on a hinted pool, on 2 cores beside the load), and a
     * prediction planned that late misses a user whose next read comes ~128 reads later. The replay
     * with the server's batches modelled (augur replay --predictor-batch, per-user trace, 5%,
     * W-TinyLFU) put the hit ratio at 0.501 at batch 100 and 0.446 at 230; a first version, repeating
     * every key the planner had fetched after the key, at the read itself, gave 0.542 and 0.504.
     *
     * Cost on the command thread, per read of a key with a plan: one slot, an in-flight lookup and
     * a store peek per kept key (at most prefetch-top-k). Bounded: SLOTS entries, a key's slot
     * taken by whichever key was predicted after last.
     *
     * Threads: the predictor thread writes slots, the command thread reads them; an entry is
     * immutable and replaced whole. The planner's in-flight set is concurrent (PrefetchPlanner.claim).
     */

    /** Keys whose last plan is kept (a power of two; 60,000 keys with plans lose about one in nine to a shared slot). */
    static final int SLOTS = 1 << 18;

    /** The keys to repeat at the next read of {@code key}, as they were predicted. */
    private record Plan(byte[] key, List<Prediction> repeatable) {
    }

    private final AtomicReferenceArray<Plan> plans = new AtomicReferenceArray<>(SLOTS);
    /** Whether the predictor thread's last batch held PrefetchPlanner.REPEAT_BEHIND_AT_BATCH_READS reads or more: repeats only then. */
    private volatile boolean behind;
    private final PrefetchPlanner planner;
    private final Store store;
    private final Prefetcher prefetcher;
    private final PrefetchStats stats;
    /** Off while prefetching is off or an A/B test runs (a repeat would cross the arms). */
    private final BooleanSupplier enabled;

    RepeatPrefetch(PrefetchPlanner planner, Store store, Prefetcher prefetcher, PrefetchStats stats,
                   BooleanSupplier enabled) {
        this.enabled = enabled;
        this.planner = planner;
        this.store = store;
        this.prefetcher = prefetcher;
        this.stats = stats;
    }

    /**
     * Predictor thread: after a read of {@code key}, these predictions are the ones to repeat at its
     * next read ({@link PrefetchPlanner#repeatable}); none forgets what was kept for it.
     */
    void predicted(byte[] key, List<Prediction> repeatable) {
        int slot = slot(key);
        if (repeatable.isEmpty()) {
            Plan kept = plans.get(slot);
            if (kept != null && Arrays.equals(kept.key, key)) {
                plans.compareAndSet(slot, kept, null);
            }
            return;
        }
        plans.set(slot, new Plan(key, List.copyOf(repeatable)));
    }

    /** Predictor thread, after each batch that held reads: whether it is behind the reads. */
    void behind(boolean behind) {
        if (this.behind != behind) {
            this.behind = behind;
        }
    }

    /** Command thread: {@code key} was read; fetches the keys kept for it, those not cached nor in flight. */
    void read(byte[] key) {
        if (!behind) {
            return;
        }
        Plan plan = plans.get(slot(key));
        if (plan == null || !Arrays.equals(plan.key, key) || !enabled.getAsBoolean()) {
            return;
        }
        for (Prediction p : plan.repeatable) {
            byte[] next = p.key();
            // The in-flight check first: it is cheaper than the store's peek (a map query).
            if (planner.isInFlight(next) || store.peek(next) != null || !planner.claim(next)) {
                continue;
            }
            stats.repeated.increment();
            stats.sources.issued(next, p.source() == null ? "unknown" : p.source());
            prefetcher.fetch(next);
        }
    }

    private static int slot(byte[] key) {
        int h = Arrays.hashCode(key);
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }
}
