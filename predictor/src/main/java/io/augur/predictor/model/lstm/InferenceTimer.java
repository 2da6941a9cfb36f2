package io.augur.predictor.model.lstm;

import java.util.Arrays;

/** Latency of LSTM forward passes: count and percentiles over the last 1,024 calls. */
public final class InferenceTimer {

    private final long[] recentNanos = new long[1024];
    private long count;
    private long totalNanos;
    private volatile java.util.function.LongConsumer observer = nanos -> { };

    /** Also hands every measured forward pass (nanoseconds) to {@code observer}, e.g. a metrics histogram. */
    public void observer(java.util.function.LongConsumer observer) {
        this.observer = observer;
    }

    void record(long nanos) {
        observer.accept(nanos);
        store(nanos);
    }

    private synchronized void store(long nanos) {
        recentNanos[(int) (count % recentNanos.length)] = nanos;
        count++;
        totalNanos += nanos;
    }

    public synchronized long count() {
        return count;
    }

    public synchronized long totalNanos() {
        return totalNanos;
    }

    /** The q-quantile (0..1) of recent calls in microseconds, 0 before any call. */
    public synchronized double percentileMicros(double q) {
        int n = (int) Math.min(count, recentNanos.length);
        if (n == 0) {
            return 0;
        }
        long[] copy = Arrays.copyOf(recentNanos, n);
        Arrays.sort(copy);
        return copy[Math.min(n - 1, (int) Math.ceil(q * n) - 1 < 0 ? 0 : (int) Math.ceil(q * n) - 1)] / 1000.0;
    }
}
