package io.augur.predictor.cache;

import io.augur.predictor.eval.cache.Eviction;
import io.augur.predictor.eval.cache.SimulatedCache;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PrefetchStagingTest {

    @Test
    void keepsWithinItsBudget_pushingOutTheOldestFirst() {
        List<String> pushedOut = new ArrayList<>();
        PrefetchStaging<String> staging = new PrefetchStaging<>(10);
        staging.stage("a", 4, pushedOut::add);
        staging.stage("b", 4, pushedOut::add);
        staging.stage("c", 4, pushedOut::add);
        assertThat(pushedOut).containsExactly("a");
        assertThat(staging.weight()).isEqualTo(8);
        staging.capacity(4, pushedOut::add);
        assertThat(pushedOut).containsExactly("a", "b");
        assertThat(staging.contains("c")).isTrue();
    }

    @Test
    void aReadReturnsTheStagedWeightOnce() {
        PrefetchStaging<String> staging = new PrefetchStaging<>(10);
        staging.stage("a", 3, k -> { });
        assertThat(staging.read("a")).isEqualTo(3);
        assertThat(staging.read("a")).isEqualTo(-1);
        assertThat(staging.weight()).isZero();
    }

    @Test
    void theBudgetShrinksWhileTheCacheBesideItWouldHaveServedTheReads_andGrowsWhileStagingWould() {
        PrefetchStaging<Integer> staging = new PrefetchStaging<>(1000);
        assertThat(staging.budget()).isEqualTo(1000);
        for (int i = 0; i < 500; i++) {
            staging.evicted(i, 10); // the cache evicts a key for room ...
            assertThat(staging.read(i)).isEqualTo(-1); // ... and a client asks for it again
        }
        assertThat(staging.budget()).isEqualTo((long) (1000 * PrefetchStaging.FLOOR));
        int filler = 1_000_000;
        for (int i = 0; i < 100; i++) {
            int predicted = -i - 1;
            staging.stage(predicted, 10, k -> { });
            while (staging.contains(predicted)) {
                staging.stage(filler++, 10, k -> { }); // newer prefetches push it out ...
            }
            staging.read(predicted); // ... just before its read: a larger budget would have held it
        }
        assertThat(staging.budget()).isEqualTo(1000);
        assertThat(staging.weight()).isLessThanOrEqualTo(staging.budget());
    }

    @Test
    void keysThatGoUnreadMoveNoBudget_forOnlyReadsSayWhichSideWouldHaveServedThem() {
        PrefetchStaging<Integer> staging = new PrefetchStaging<>(1000);
        for (int i = 0; i < 5000; i++) {
            staging.stage(i, 10, k -> { }); // never read: each is pushed out in turn
            staging.evicted(-i - 1, 10);
        }
        assertThat(staging.share()).isEqualTo(1.0);
    }

    @Test
    void aClientsWriteForgetsAGhost() {
        PrefetchStaging<Integer> staging = new PrefetchStaging<>(1000);
        staging.evicted(7, 10);
        staging.release(7); // the client wrote the key again (cache-aside after its miss)
        staging.read(7);
        assertThat(staging.share()).isEqualTo(1.0);
    }

    @Test
    void aGhostListRemembersAboutAQuarterOfTheCapacity() {
        PrefetchStaging<Integer> staging = new PrefetchStaging<>(1000);
        for (int i = 0; i < 100; i++) {
            staging.evicted(i, 10);
        }
        staging.read(0); // evicted 100 keys ago, 1000 bytes back: forgotten
        assertThat(staging.share()).isEqualTo(1.0);
        staging.read(99);
        assertThat(staging.share()).isLessThan(1.0);
    }

    @Test
    void theCacheBesideItLeavesFreeWhatIsStaged_inEighthsOfTheBudget_andNothingWhenIdle() {
        PrefetchStaging<Integer> staging = new PrefetchStaging<>(800);
        assertThat(staging.reserved()).isZero();
        staging.stage(1, 10, k -> { });
        assertThat(staging.reserved()).isEqualTo(100);
        for (int i = 2; i <= 80; i++) {
            staging.stage(i, 10, k -> { });
            assertThat(staging.reserved()).isGreaterThanOrEqualTo(staging.weight());
        }
        assertThat(staging.reserved()).isEqualTo(800);
        staging.read(80);
        assertThat(staging.reserved()).as("a read from a full staging keeps the bound where it was").isEqualTo(800);
        for (int i = 1; i < 80; i++) {
            staging.read(i);
        }
        assertThat(staging.reserved()).isZero();
    }

    @Test
    void aZeroBudgetStagesNothing() {
        List<String> pushedOut = new ArrayList<>();
        PrefetchStaging<String> staging = new PrefetchStaging<>(0);
        assertThat(staging.enabled()).isFalse();
        staging.stage("a", 1, pushedOut::add);
        assertThat(pushedOut).containsExactly("a");
    }

    /** The replay's W-TinyLFU: the same staging as the store, so the replay models the store. */
    @Test
    void replayTinylfu_prefetchedKeySurvivesReadOnceTraffic_onlyWhenStaged() {
        assertThat(prefetchSurvives(0.1)).isTrue();
        assertThat(prefetchSurvives(0)).isFalse();
    }

    private static boolean prefetchSurvives(double staging) {
        List<Integer> evicted = new ArrayList<>();
        SimulatedCache cache = Eviction.TINYLFU.create(100, id -> ("k" + id).getBytes(StandardCharsets.UTF_8),
                () -> 0L, evicted::add, staging);
        for (int round = 0; round < 5; round++) {
            for (int hot = 0; hot < 100; hot++) {
                if (!cache.get(hot)) {
                    cache.put(hot, false);
                }
            }
        }
        int predicted = 10_000;
        cache.put(predicted, true);
        for (int once = 1_000; once < 1_050; once++) {
            cache.put(once, false);
            cache.get(once);
        }
        assertThat(cache.size()).isLessThanOrEqualTo(100);
        return cache.get(predicted);
    }
}
