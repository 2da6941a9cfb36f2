package io.augur.server.prefetch;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the prediction → prefetch pipeline, for INFO's `# Prefetch` section and metrics. */
public final class PrefetchStats {

    final LongAdder predictions = new LongAdder();
    final LongAdder issued = new LongAdder();
    final LongAdder stored = new LongAdder();
    final LongAdder absent = new LongAdder();
    final LongAdder failed = new LongAdder();
    final LongAdder alreadyCached = new LongAdder();
    final LongAdder late = new LongAdder();
    final LongAdder wasted = new LongAdder();
    final LongAdder predictorErrors = new LongAdder();
    final LongAdder driftAlerts = new LongAdder();
    final LongAdder predictorSwitches = new LongAdder();

    public long predictions() { return predictions.sum(); }
    public long issued() { return issued.sum(); }
    public long stored() { return stored.sum(); }
    public long absent() { return absent.sum(); }
    public long failed() { return failed.sum(); }
    public long alreadyCached() { return alreadyCached.sum(); }
    public long late() { return late.sum(); }
    public long wasted() { return wasted.sum(); }
    public long predictorErrors() { return predictorErrors.sum(); }
    public long driftAlerts() { return driftAlerts.sum(); }
    public long predictorSwitches() { return predictorSwitches.sum(); }

    public void reset() {
        for (LongAdder a : new LongAdder[]{predictions, issued, stored, absent, failed, alreadyCached, late, wasted,
                predictorErrors, driftAlerts, predictorSwitches}) {
            a.reset();
        }
    }
}
