package io.augur.server.command;

/**
 * Calls, time and failures of one command for INFO commandstats/errorstats.
 * Written only by the command thread; readers on other threads may see slightly stale values.
 */
public final class CommandCounters {
    /**
     * One call in this many is timed into the latency histogram (the first call, then every 8th).
     * Why sampled: the timer (bucket search, count, sum, max) cost 4.5-7.5% of a SET at -P 16 in
     * async-profiler's flame graphs, and a systematic sample keeps the quantiles; calls, errors
     * and INFO commandstats count every call.
     */
    static final int TIMED_ONE_IN = 8;
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
        if (t != null && (calls & (TIMED_ONE_IN - 1)) == 1) {
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
