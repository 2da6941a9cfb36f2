package io.augur.predictor.log;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The ring buffer between the request path and the predictor thread. */
class AccessLogTest {

    private static AccessEvent event(int i) {
        return new AccessEvent(("k" + i).getBytes(), AccessEvent.Op.READ, true, i, 1);
    }

    @Test
    void offer_whenFull_dropsAndCounts_neverBlocks() {
        AccessLog log = new AccessLog(1024);
        for (int i = 0; i < 1024; i++) {
            assertThat(log.offer(event(i))).isTrue();
        }
        assertThat(log.offer(event(9999))).isFalse();
        assertThat(log.dropped()).isEqualTo(1);
        assertThat(log.offered()).isEqualTo(1025);
        List<AccessEvent> drained = new ArrayList<>();
        assertThat(log.drain(drained::add, 10_000)).isEqualTo(1024);
        assertThat(new String(drained.get(0).key())).isEqualTo("k0");
    }

    @Test
    void concurrentOffers_oneDrainer_nothingLostButCountedDrops() throws Exception {
        AccessLog log = new AccessLog(1024);
        int producers = 4;
        int perProducer = 200_000;
        CountDownLatch done = new CountDownLatch(producers);
        for (int p = 0; p < producers; p++) {
            new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    log.offer(event(i));
                }
                done.countDown();
            }).start();
        }
        AtomicLong drained = new AtomicLong();
        AtomicBoolean finished = new AtomicBoolean();
        while (!finished.get()) {
            finished.set(done.getCount() == 0);
            drained.addAndGet(log.drain(e -> { }, 4096));
        }
        drained.addAndGet(log.drain(e -> { }, Integer.MAX_VALUE));
        assertThat(log.offered()).isEqualTo((long) producers * perProducer);
        assertThat(drained.get() + log.dropped()).isEqualTo(log.offered());
    }
}
