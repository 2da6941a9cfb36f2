package io.augur.server.command;

/**
 * Calls, time and failures of one command for INFO commandstats/errorstats.
 * Written only by the command thread; readers on other threads may see slightly stale values.
 */
public final class CommandCounters {
    long calls;
    long micros;
    long failed;
    /**
     * Set when metrics are on: registers the command's meters and returns its latency histogram. Called
     * on the command's first call, so an idle server exports no meters for the commands nobody uses.
     */
    private volatile java.util.function.Supplier<io.micrometer.core.instrument.Timer> meters;
    /** The latency histogram, once registered (command thread only). */
    private io.micrometer.core.instrument.Timer timer;

    public void metersOnFirstUse(java.util.function.Supplier<io.micrometer.core.instrument.Timer> meters) {
        this.meters = meters;
    }

    public long calls() { return calls; }
    public long micros() { return micros; }
    public long failed() { return failed; }

    public void record(long elapsedNanos, boolean error) {
        calls++;
        micros += elapsedNanos / 1_000;
        io.micrometer.core.instrument.Timer t = timer;
        if (t == null && meters != null) {
            t = timer = meters.get();
        }
        if (t != null) {
            t.record(elapsedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        if (error) {
            failed++;
        }
    }

    public void reset() {
        calls = 0;
        micros = 0;
        failed = 0;
    }
}
