package io.augur.server.origin;

import java.util.concurrent.atomic.LongAdder;

/**
 * Count and total of origin call latencies, cheap to record from many threads at once: INFO's
 * mean. The distribution is the metrics registry's histogram (GuardedOrigin's latency observer).
 */
final class LatencyTotals {

    private final LongAdder sumNanos = new LongAdder();
    private final LongAdder count = new LongAdder();

    void record(long nanos) {
        sumNanos.add(nanos);
        count.increment();
    }

    long sumMicros() {
        return sumNanos.sum() / 1000;
    }

    long count() {
        return count.sum();
    }
}
