package io.augur.predictor.eval;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.augur.predictor.eval.cache.Eviction;
import io.augur.predictor.model.Predictors;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replay under each eviction policy: W-TinyLFU checked against plain Caffeine, the store's sampled policies. */
class EvictionReplayTest {

    private static final PredictionRecorder RECORDER =
            new PredictionRecorder(2, false, new PredictionRecorder.TrainingSchedule(1, 1, 0), n -> { });

    private static Trace trace(String name, String text) throws IOException {
        return TraceReader.read(name, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Zipf(0.99) over 20,000 keys with a one-off scan key every 4th read: recency alone is fooled. */
    private static Trace zipfWithScans(int reads) throws IOException {
        int n = 20_000;
        double[] cdf = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += 1 / Math.pow(i + 1, 0.99);
            cdf[i] = sum;
        }
        SplittableRandom random = new SplittableRandom(7);
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < reads; r++) {
            if (r % 4 == 3) {
                text.append("scan:").append(r).append('\n');
                continue;
            }
            int at = java.util.Arrays.binarySearch(cdf, random.nextDouble() * sum);
            text.append("item:").append(at < 0 ? -at - 1 : at).append('\n');
        }
        return trace("zipf", text.toString());
    }

    /** Caffeine as its own simulator replays a trace: keys as strings, maintenance on the caller. */
    private static double plainCaffeine(Trace trace, int maximumSize) {
        Cache<String, Boolean> cache = Caffeine.newBuilder().maximumSize(maximumSize).executor(Runnable::run).build();
        long hits = 0;
        for (int id : trace.keys()) {
            String key = new String(trace.table().key(id), StandardCharsets.UTF_8);
            if (cache.getIfPresent(key) != null) {
                hits++;
            } else {
                cache.put(key, Boolean.TRUE);
            }
        }
        return (double) hits / trace.reads();
    }

    @Test
    void tinylfuWithoutPrefetch_atOneFiveAndTenPercent_matchesPlainCaffeineWithinHalfAPoint() throws IOException {
        Trace trace = zipfWithScans(200_000);
        for (double percent : new double[] {1, 5, 10}) {
            int size = (int) Math.round(trace.distinct() * percent / 100);
            double replay = ReplaySimulation.withoutPrefetch(trace, size, Eviction.TINYLFU).hitRatio();
            double plain = plainCaffeine(trace, size);
            assertEquals(plain, replay, 0.005, percent + "% (" + size + " keys)");
        }
    }

    @Test
    void tinylfuWithoutPrefetch_onZipfWithScans_beatsExactLru() throws IOException {
        Trace trace = zipfWithScans(100_000);
        int size = trace.distinct() / 20;
        double tinylfu = ReplaySimulation.withoutPrefetch(trace, size, Eviction.TINYLFU).hitRatio();
        double lru = ReplaySimulation.withoutPrefetch(trace, size, Eviction.LRU).hitRatio();
        assertTrue(tinylfu > lru + 0.05, "tinylfu " + tinylfu + " lru " + lru);
    }

    @Test
    void sampledPolicies_withTheSameTrace_giveTheSameRowsEveryRun() throws IOException {
        Trace trace = zipfWithScans(30_000);
        for (Eviction eviction : new Eviction[] {Eviction.REDIS_LRU, Eviction.LFU, Eviction.LRU}) {
            assertEquals(ReplaySimulation.withoutPrefetch(trace, 300, eviction),
                    ReplaySimulation.withoutPrefetch(trace, 300, eviction), eviction.label());
        }
    }

    @Test
    void redisLru_withAHotKeyAmongOneOffs_keepsTheHotKey_whenSecondsTellThemApart() throws IOException {
        // One read per second: the store's recency clock (whole seconds) tells every read apart.
        StringBuilder text = new StringBuilder("# millis-per-read: 1000\n");
        for (int i = 0; i < 2_000; i++) {
            text.append(i % 2 == 0 ? "hot" : "once:" + i).append('\n');
        }
        ReplayResult r = ReplaySimulation.withoutPrefetch(trace("hot", text.toString()), 20, Eviction.REDIS_LRU);
        // Sampling 5 of 20 keys may pick the hot key only when all 5 are it: it is never evicted.
        assertEquals(999, r.hits());
    }

    @Test
    void redisLfu_keepsKeysReadOften_overKeysReadOnceSince() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int round = 0; round < 30; round++) {
            for (int k = 0; k < 5; k++) {
                text.append("often:").append(k).append('\n');
            }
        }
        for (int i = 0; i < 3_000; i++) {
            text.append("once:").append(i).append('\n');
            text.append("often:").append(i % 5).append('\n');
        }
        Trace trace = trace("freq", text.toString());
        // A one-off key starts at counter 5, the often-read keys sit above it; recency alone (LRU
        // at one-second resolution, 6,000 reads in 6 seconds) cannot tell them apart.
        ReplayResult lfu = ReplaySimulation.withoutPrefetch(trace, 10, Eviction.LFU);
        ReplayResult lru = ReplaySimulation.withoutPrefetch(trace, 10, Eviction.REDIS_LRU);
        long oftenReadsAfterWarmUp = 3_000;
        assertTrue(lfu.hits() - 145 > 0.98 * oftenReadsAfterWarmUp, "lfu hits " + lfu.hits());
        assertTrue(lfu.hits() > lru.hits(), "lfu " + lfu.hits() + " lru " + lru.hits());
    }

    @Test
    void prefetchUnderTinylfu_refusedOrEvictedBeforeARead_isCountedWastedAndEvictedUnread() throws IOException {
        // A loop of 50 keys, each followed half the time by a one-off key: successor prefetches the
        // next loop key, and when a one-off comes first W-TinyLFU's admission weighs the prefetched
        // key against its victim, and often refuses it before it is read.
        StringBuilder text = new StringBuilder();
        SplittableRandom random = new SplittableRandom(3);
        for (int r = 0; r < 40; r++) {
            for (int i = 0; i < 50; i++) {
                text.append("loop:").append(i).append('\n');
                if (random.nextBoolean()) {
                    text.append("noise:").append(r * 50 + i).append('\n');
                }
            }
        }
        Trace trace = trace("loop", text.toString());
        PredictionTape tape = RECORDER.record(trace, Predictors.create("successor"));
        ReplayResult tinylfu = ReplaySimulation.withPrefetch(trace, tape, 25, 1, 0.2, 2, Eviction.TINYLFU);
        ReplayResult lru = ReplaySimulation.withPrefetch(trace, tape, 25, 1, 0.2, 2, Eviction.LRU);
        assertEquals("tinylfu", tinylfu.eviction());
        assertTrue(tinylfu.evictedUnread() > 0, "evicted unread " + tinylfu.evictedUnread());
        assertTrue(tinylfu.evictedUnread() <= tinylfu.wasted());
        assertEquals(tinylfu.reads() - tinylfu.hits() - tinylfu.late() + tinylfu.issued(), tinylfu.originRequests());
        // Under LRU nothing is refused: every wasted prefetch but those left at the end was evicted.
        assertTrue(lru.wasted() - lru.evictedUnread() <= 25, lru.toString());
    }
}
