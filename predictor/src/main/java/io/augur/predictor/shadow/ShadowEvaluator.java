package io.augur.predictor.shadow;

import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.BoundedLru;
import io.augur.predictor.model.ExpectedReads;
import io.augur.predictor.model.Prediction;
import io.augur.predictor.model.Predictor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Scores predictors on live traffic: the active one by the predictions it made for prefetching,
 * the others in shadow (they learn from every access and predict, but issue nothing). A prediction
 * counts as come true when the same client reads the key within the next {@link #horizonReads} reads.
 */
public final class ShadowEvaluator implements AutoCloseable {

    /*
     * Runs on the predictor thread, so it needs no locks; the counters it publishes are volatile
     * snapshots read by INFO and metrics. Pending predictions are kept per predictor and client
     * and bounded (MAX_CONNECTIONS clients, horizon x k keys each).
     *
     * Sample: the shadows learn from every access, but predict after only a share of the reads,
     * chosen by a hash of the evaluator's read count, so their precision and coverage are
     * estimates over a random subset of reads (the active predictor is scored on all).
     * Why: their predictions, not their learning, are what costs. Live (per-user cache-aside, one
     * connection per user, the default blend active), the three default shadows predicting after
     * every read held the thread so that a read waited for ~160 others before its prefetch was
     * planned (INFO prefetch_batch_per_read), and the hit ratio was 0.442-0.462 against 0.472-0.484
     * with no shadows; predicting after 5% of the reads gave 0.482. Reads, not contexts: a sample of
     * contexts may hold none when there are few (one shared connection), and then the shadows would
     * never be scored at all. The draw runs over every read, superseded ones too (read but not
     * predicted after: a later read of its context came in the same batch), and a drawn read that
     * is superseded passes its turn to the next read that is not: when the thread falls behind, a
     * pipelined connection's batches hold hundreds of reads and only each batch's last is predicted
     * after, and a draw among those alone left the shadows a prediction or two per 20,000 reads, too
     * few to score them (PrefetchEndToEndTest's auto-switch waited in vain on a loaded machine).
     *
     * Watch: only a context predicted after in its last horizon reads has predictions to settle,
     * so one lookup per read (in a plain map, not the per-shadow LRUs) decides whether the shadows
     * settle it at all. Settling every read in every shadow was half of the shadows' remaining
     * cost on the predictor thread (JFR: 11% of its samples).
     */

    /** Clients whose pending predictions are kept per predictor. */
    private static final int MAX_CONNECTIONS = 16_384;

    private static final Logger LOG = LoggerFactory.getLogger(ShadowEvaluator.class);

    private final int horizonReads;
    /** Reads whose hash falls below this (of 2^24) are predicted after in shadow. */
    private final long sampleBelow;
    /** Reads seen so far: what the sample hashes (predictor thread only). */
    private long readCount;
    /** A drawn read was superseded: the next read predicted after takes its turn. */
    private boolean owed;
    /** Per context predicted after in shadow, its reads left to settle (a plain map: no reordering per read). */
    private final Map<Long, int[]> watched = new HashMap<>();
    private volatile long failedShadows;
    private final List<Entry> shadows = new ArrayList<>();
    private final Entry activeEntry;

    /**
     * @param activeName   the active predictor's name (scored from the predictions passed to {@link #scoreActive})
     * @param shadows      predictors to run in shadow; this evaluator owns and closes them
     * @param horizonReads reads within which a predicted key counts as come true
     */
    public ShadowEvaluator(String activeName, List<Predictor> shadows, int horizonReads) {
        this(activeName, shadows, horizonReads, null);
    }

    /** As above, with every settled prediction of the active predictor also fed to {@code drift}. */
    public ShadowEvaluator(String activeName, List<Predictor> shadows, int horizonReads, DriftMonitor drift) {
        this(activeName, shadows, horizonReads, drift, 1.0);
    }

    /**
     * As above, the shadows predicting after {@code sampleShare} (0..1] of the reads, chosen by a
     * hash of the read count; they learn from all, and settle each read that can hold their predictions.
     */
    public ShadowEvaluator(String activeName, List<Predictor> shadows, int horizonReads, DriftMonitor drift,
                           double sampleShare) {
        this.horizonReads = horizonReads;
        this.sampleBelow = (long) Math.ceil(Math.max(0, Math.min(1, sampleShare)) * (1 << 24));
        this.activeEntry = new Entry(activeName, null, horizonReads);
        this.activeEntry.drift = drift;
        for (Predictor p : shadows) {
            this.shadows.add(new Entry(p.name(), p, horizonReads));
        }
    }

    /** Settles the active predictor's pending predictions against this access (call before predicting). */
    public void settleActive(AccessEvent event) {
        activeEntry.settle(event);
    }

    /** Records what the active predictor predicted after this read. */
    public void scoreActive(AccessEvent event, List<Prediction> predicted, long predictNanos) {
        activeEntry.expect(event.connectionId(), predicted);
        activeEntry.predictNanos += predictNanos;
    }

    /**
     * Feeds one access to every shadow predictor and scores the {@code k} keys each predicts after
     * it (k = 0: learned from, not predicted after). A shadow that throws is dropped (closed,
     * logged, counted): it never reaches the active predictor.
     */
    public void observeShadows(AccessEvent event, int k) {
        // The same for every shadow: drawn once per read (see Sample above).
        boolean read = event.op() == AccessEvent.Op.READ;
        owed |= read && sampled(readCount++);
        boolean predicts = read && k > 0 && owed;
        owed &= !predicts;
        boolean settles = watch(event, predicts);
        Iterator<Entry> it = shadows.iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            try {
                observe(e, event, k, settles, predicts);
            } catch (RuntimeException | LinkageError failure) {
                it.remove();
                failedShadows++;
                LOG.warn("shadow predictor '{}' failed and is dropped: {}", e.name, failure.toString());
                try {
                    e.predictor.close();
                } catch (RuntimeException ignored) {
                    // already failing; nothing more to do
                }
            }
        }
    }

    /**
     * Whether this read has shadow predictions to settle (its context was predicted after within
     * its last horizon reads); a read the shadows predict after starts a new watch.
     */
    private boolean watch(AccessEvent event, boolean predicts) {
        long context = event.connectionId();
        if (event.op() == AccessEvent.Op.CLOSE) {
            watched.remove(context);
            return false;
        }
        if (event.op() != AccessEvent.Op.READ) {
            return false;
        }
        int[] left = watched.get(context);
        if (left != null && --left[0] <= 0) {
            watched.remove(context);
        }
        if (predicts) {
            if (watched.size() >= MAX_CONNECTIONS) {
                watched.clear(); // contexts that stopped reading mid-watch: their last predictions go unsettled
            }
            watched.put(context, new int[]{horizonReads});
        }
        return left != null;
    }

    private void observe(Entry e, AccessEvent event, int k, boolean settles, boolean predicts) {
        if (event.op() == AccessEvent.Op.CLOSE) {
            e.predictor.forgetConnection(event.connectionId());
            e.pending.forget(event.connectionId());
            e.predictedAfter.remove(event.connectionId());
            return;
        }
        if (settles) {
            e.settle(event);
        } else if (event.op() == AccessEvent.Op.READ) {
            e.seen++; // nothing pending for this context: only counted
        }
        e.predictor.observe(event);
        if (predicts) {
            long start = System.nanoTime();
            List<Prediction> predicted = e.predictor.predict(event.connectionId(), k);
            e.predictNanos += System.nanoTime() - start;
            e.expect(event.connectionId(), predicted);
        }
    }

    /** Whether the shadows predict after the read with this number (counted from 0). */
    boolean sampled(long readNumber) {
        long mixed = (readNumber + 1) * 0x9E3779B97F4A7C15L;
        return ((mixed ^ (mixed >>> 29)) * 0xBF58476D1CE4E5B9L) >>> 40 < sampleBelow;
    }

    /** Shadow predictors dropped because they threw. */
    public long failedShadows() {
        return failedShadows;
    }

    /** The active predictor's score first, then each shadow's. */
    public List<ShadowScore> scores() {
        List<ShadowScore> out = new ArrayList<>(shadows.size() + 1);
        out.add(activeEntry.score(true));
        for (Entry e : shadows) {
            out.add(e.score(false));
        }
        return out;
    }

    public int horizonReads() {
        return horizonReads;
    }

    @Override
    public void close() {
        for (Entry e : shadows) {
            e.predictor.close();
        }
    }

    /** One scored predictor: its pending predictions per client and its counters. */
    private static final class Entry {
        final String name;
        final Predictor predictor;
        final ExpectedReads<Void> pending;
        /** Contexts whose last read this predictor predicted after: their next read counts for coverage. */
        final BoundedLru<Long, Boolean> predictedAfter = new BoundedLru<>(MAX_CONNECTIONS);
        volatile long reads;
        volatile long seen;
        volatile long predictions;
        volatile long cameTrue;
        volatile long foreseen;
        volatile long predictNanos;
        DriftMonitor drift;
        /** Outcomes of the read being settled, handed to the drift monitor once it is settled. */
        private int settledTrue;
        private int settledFalse;

        Entry(String name, Predictor predictor, int horizonReads) {
            this.name = name;
            this.predictor = predictor;
            this.pending = new ExpectedReads<>(horizonReads, MAX_CONNECTIONS, Integer.MAX_VALUE);
        }

        /** A read settles this client's pending predictions: a match came true, the rest age one read. */
        void settle(AccessEvent event) {
            if (event.op() != AccessEvent.Op.READ) {
                return;
            }
            // Coverage counts only reads that follow one predicted after: the server does not predict
            // after a read its context followed within the same batch (superseded), for any predictor.
            seen++;
            boolean eligible = predictedAfter.remove(event.connectionId()) != null;
            if (eligible) {
                reads++;
            }
            settledTrue = 0;
            settledFalse = 0;
            pending.read(event.connectionId(), event.key(), (none, read) -> {
                if (read) {
                    settledTrue++;
                } else {
                    settledFalse++;
                }
            });
            cameTrue += settledTrue;
            if (eligible) {
                foreseen += settledTrue;
            }
            if (drift != null) {
                // The read key first, then the expired ones: the order the drift windows were cut in.
                for (int i = 0; i < settledTrue; i++) {
                    drift.record(true);
                }
                for (int i = 0; i < settledFalse; i++) {
                    drift.record(false);
                }
            }
        }

        void expect(long connectionId, List<Prediction> predicted) {
            predictedAfter.put(connectionId, Boolean.TRUE);
            for (Prediction p : predicted) {
                // A key already pending keeps its older deadline: one prediction per key and window.
                if (pending.expect(connectionId, p.key(), null)) {
                    predictions++;
                }
            }
        }

        ShadowScore score(boolean active) {
            return new ShadowScore(name, active, reads, predictions, cameTrue, foreseen, predictNanos, seen);
        }
    }
}
