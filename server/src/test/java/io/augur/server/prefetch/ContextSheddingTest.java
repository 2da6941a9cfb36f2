package io.augur.server.prefetch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Shedding whole contexts while the predictor thread is behind. */
class ContextSheddingTest {

    @Test
    void sheds_nothing_whileTheBacklogIsSmall() {
        ContextShedding shedding = new ContextShedding();
        shedding.adjust(100, 65_536);
        for (long c = 0; c < 1000; c++) {
            assertThat(shedding.sheds(c)).isFalse();
        }
        assertThat(shedding.shedEvents()).isZero();
    }

    @Test
    void firstStepBehind_pausesTheShadows_andShedsNoContext() {
        ContextShedding shedding = new ContextShedding();
        assertThat(shedding.shadowsPaused()).isFalse();
        shedding.adjust(40_000, 65_536);
        assertThat(shedding.shadowsPaused()).isTrue();
        assertThat(shedding.share()).isZero();
        for (long c = 0; c < 1000; c++) {
            assertThat(shedding.sheds(c)).isFalse();
        }
        shedding.adjust(0, 65_536);
        assertThat(shedding.shadowsPaused()).isFalse();
    }

    @Test
    void aBatchLeavingMoreThan64AccessesBehind_pausesTheShadowsForTheNext_withoutOverload() {
        ContextShedding shedding = new ContextShedding();
        shedding.adjust(64, 65_536);
        assertThat(shedding.shadowsPaused()).as("64 behind: in time").isFalse();
        shedding.adjust(65, 65_536);
        assertThat(shedding.shadowsPaused()).as("late: the next batch skips the shadows").isTrue();
        assertThat(shedding.share()).isZero();
        shedding.shadowsSkipped();
        shedding.adjust(10, 65_536);
        assertThat(shedding.shadowsPaused()).as("caught up").isFalse();
        assertThat(shedding.shadowSkippedBatches()).isEqualTo(1);
    }

    @Test
    void sheds_aGrowingStableShareOfContexts_whileBehind_andRecovers() {
        ContextShedding shedding = new ContextShedding();
        for (int i = 0; i < 5; i++) { // the first step pauses the shadows
            shedding.adjust(40_000, 65_536); // behind: a quarter more than allowed
        }
        assertThat(shedding.share()).isEqualTo(0.25);
        int shed = 0;
        for (long c = 0; c < 10_000; c++) {
            boolean first = shedding.sheds(c);
            assertThat(shedding.sheds(c)).as("a context is shed whole, every time").isEqualTo(first);
            shed += first ? 1 : 0;
        }
        assertThat(shed).isBetween(2_200, 2_800);
        for (int i = 0; i < 5; i++) {
            shedding.adjust(0, 65_536);
        }
        assertThat(shedding.share()).isZero();
        assertThat(shedding.shadowsPaused()).isFalse();
    }

    @Test
    void sheds_neverEveryContext() {
        ContextShedding shedding = new ContextShedding();
        for (int i = 0; i < 100; i++) {
            shedding.adjust(65_536, 65_536);
        }
        assertThat(shedding.share()).isLessThan(1.0);
    }
}
