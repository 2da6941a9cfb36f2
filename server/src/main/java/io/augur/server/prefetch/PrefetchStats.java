package io.augur.server.prefetch;

import java.util.concurrent.atomic.LongAdder;

/**
 * Every counter of the prediction → prefetch → use pipeline and of warming, in one place: INFO's
 * `# Prefetch` and `# Predictor` sections and the metrics registry read these.
 */
public final class PrefetchStats {

    final LongAdder predictions = new LongAdder();
    final LongAdder issued = new LongAdder();
    final LongAdder stored = new LongAdder();
    final LongAdder absent = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder alreadyCached = new LongAdder();
    final LongAdder late = new LongAdder();
    /** Reads that found an entry the prefetcher loaded and nobody had read yet. */
    final LongAdder used = new LongAdder();
    final LongAdder wasted = new LongAdder();
    final LongAdder predictorErrors = new LongAdder();
    final LongAdder driftAlerts = new LongAdder();
    final LongAdder predictorSwitches = new LongAdder();
    final LongAdder warmedKeys = new LongAdder();
    /** Access events the predictor thread has finished with (offered - dropped - handled = still queued). */
    final LongAdder handled = new LongAdder();
    final LongAdder idleWarmRounds = new LongAdder();
    /** Reads not predicted after: the same context read again later in the same batch. */
    final LongAdder superseded = new LongAdder();
    /** Prefetches the command thread issued at a read: the surest keys predicted after that key last time. */
    final LongAdder repeated = new LongAdder();
    /** Batches of the access log the predictor thread handled that held reads, and the reads in them. */
    final LongAdder batches = new LongAdder();
    final LongAdder batchReads = new LongAdder();
    /** The sum of each batch's reads squared: / batchReads the batch a read sits in, on average. */
    final LongAdder batchReadsSquared = new LongAdder();
    /** Issued and used, by the source that predicted each prefetch. */
    final PrefetchSources sources = new PrefetchSources();

    public long predictions() { return predictions.sum(); }
    public long issued() { return issued.sum(); }
    public long stored() { return stored.sum(); }
    public long absent() { return absent.sum(); }
    public long failed() { return failed.sum(); }
    public long alreadyCached() { return alreadyCached.sum(); }
    public long late() { return late.sum(); }
    public long used() { return used.sum(); }
    public long wasted() { return wasted.sum(); }
    public long predictorErrors() { return predictorErrors.sum(); }
    public long driftAlerts() { return driftAlerts.sum(); }
    public long predictorSwitches() { return predictorSwitches.sum(); }
    /** Reads not predicted after because their context read again later in the same batch. */
    public long superseded() { return superseded.sum(); }
    public long repeated() { return repeated.sum(); }
    /** Batches the predictor thread handled that held reads. */
    public long batches() { return batches.sum(); }
    /** Reads in those batches: / batches() is the mean batch, what augur replay --predictor-batch takes. */
    public long batchReads() { return batchReads.sum(); }
    /**
     * The size of the batch the average read was handled in (each batch weighted by its reads): the
     * thread falls behind in bursts, so this is well above batchReads() / batches(). It is what
     * augur replay --predictor-batch takes. 0 before any batch.
     */
    public double batchPerRead() {
        long reads = batchReads.sum();
        return reads == 0 ? 0 : (double) batchReadsSquared.sum() / reads;
    }
    /** Keys loaded by warming so far. */
    public long warmedKeys() { return warmedKeys.sum(); }
    /** Idle-time warming rounds that loaded something. */
    public long idleWarmRounds() { return idleWarmRounds.sum(); }

    public long handled() { return handled.sum(); }
    /** Prefetches issued per source, as {@code source=count,...}. */
    public String issuedBySource() { return sources.issuedText(); }
    /** Prefetches read per source, as {@code source=count,...}. */
    public String usedBySource() { return sources.usedText(); }

    /** Calls {@code listener} with each source of prediction that has issued a prefetch, now and as new ones do. */
    public void onNewSource(java.util.function.Consumer<String> listener) { sources.onNewSource(listener); }

    /** Prefetches issued on predictions from {@code source}. */
    public long issuedBy(String source) { return sources.issued(source); }

    /** Prefetched keys from {@code source}'s predictions that a client read. */
    public long usedBy(String source) { return sources.used(source); }

    /** used / issued; NaN before the first prefetch (nothing to be precise about, as other ratios here). */
    public double precision() {
        long i = issued();
        return i == 0 ? Double.NaN : (double) used() / i;
    }

    /** Counts where a stored value from the origin ended up (prefetch and warming alike). */
    void stored(OriginLoader.Outcome outcome) {
        switch (outcome) {
            case STORED -> stored.increment();
            case ALREADY_CACHED -> alreadyCached.increment();
            case REFUSED -> failed.increment();
            default -> { }
        }
    }

    public void reset() {
        for (LongAdder a : new LongAdder[]{predictions, issued, stored, absent, failed, alreadyCached, late, used, wasted,
                predictorErrors, driftAlerts, predictorSwitches, warmedKeys, idleWarmRounds, handled, superseded, repeated, batches, batchReads, batchReadsSquared}) {
            a.reset();
        }
        sources.reset();
    }
}
