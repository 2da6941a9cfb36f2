package io.augur.server.origin;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts latencies into fixed millisecond buckets, cheap to record from many threads at once.
 */
final class LatencyHistogram {

    /** Upper bounds of the buckets, in milliseconds, Prometheus-style ({@code le}); a last bucket takes the rest. */
    static final List<Long> BUCKET_BOUNDS_MILLIS = List.of(1L, 2L, 5L, 10L, 25L, 50L, 100L, 250L, 500L, 1000L, 2500L);

    private static final long[] BOUNDS_NANOS =
            BUCKET_BOUNDS_MILLIS.stream().mapToLong(millis -> millis * 1_000_000).toArray();

    private final LongAdder[] buckets = new LongAdder[BOUNDS_NANOS.length + 1];
    private final LongAdder sumNanos = new LongAdder();
    private final LongAdder count = new LongAdder();

    LatencyHistogram() {
        for (int i = 0; i < buckets.length; i++) {
            buckets[i] = new LongAdder();
        }
    }

    void record(long nanos) {
        int i = 0;
        while (i < BOUNDS_NANOS.length && nanos > BOUNDS_NANOS[i]) {
            i++;
        }
        buckets[i].increment();
        sumNanos.add(nanos);
        count.increment();
    }

    long sumMicros() {
        return sumNanos.sum() / 1000;
    }

    long count() {
        return count.sum();
    }

    /** Calls per bucket, not cumulative; the last entry counts calls above the largest bound. */
    List<Long> bucketCounts() {
        List<Long> counts = new ArrayList<>(buckets.length);
        for (LongAdder bucket : buckets) {
            counts.add(bucket.sum());
        }
        return List.copyOf(counts);
    }
}
