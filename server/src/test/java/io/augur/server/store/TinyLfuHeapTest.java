package io.augur.server.store;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Measures the heap W-TinyLFU's on-heap index costs per key (the number quoted in the docs). */
class TinyLfuHeapTest {

    private static final int KEYS = 200_000;

    @Test
    void index_of200kKeys_costsAboutAHundredFiftyBytesPerKey() {
        long before = settledHeap();
        TinyLfuEviction index = new TinyLfuEviction(false, 0, 0.1, key -> null, () -> 0, () -> { });
        for (int i = 0; i < KEYS; i++) {
            // 16-byte keys, like "user:00001234:ab"; the key copy on the heap is part of the cost
            index.add(String.format("user:%08d:ab", i).getBytes(StandardCharsets.US_ASCII), 300, 0);
        }
        index.start();
        long after = settledHeap();
        double perKey = (after - before) / (double) KEYS;
        System.out.printf("W-TinyLFU index heap: %.1f bytes per key (%d keys, %.1f MiB)%n", perKey,
                index.trackedKeys(), (after - before) / 1048576.0);
        assertThat(index.trackedKeys()).isEqualTo(KEYS);
        assertThat(perKey).isBetween(60.0, 400.0);
    }

    private static long settledHeap() {
        Runtime runtime = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            used = Math.min(used, runtime.totalMemory() - runtime.freeMemory());
        }
        return used;
    }
}
