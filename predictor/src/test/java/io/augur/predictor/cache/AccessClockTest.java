package io.augur.predictor.cache;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-slot recency and frequency behind sampled LRU/LFU and OBJECT IDLETIME/FREQ, on an
 * injected clock: Redis's rules (new keys at LFU 5, a logarithmic increment, one step of decay per
 * idle minute).
 */
class AccessClockTest {

    private static final long START = 1_000_000L;

    @Test
    void aNewKey_isJustAccessed_withRedisInitialFrequency() {
        AccessClock clock = new AccessClock(START, () -> 0.99);
        clock.created(7, START + 3_000);
        assertThat(clock.idleSeconds(7, START + 3_000)).isZero();
        assertThat(clock.idleSeconds(7, START + 10_500)).isEqualTo(7);
        assertThat(clock.frequency(7, START + 10_500)).isEqualTo(5);
    }

    @Test
    void aRead_resetsIdleTime_andRaisesFrequencyWhenTheDrawAllows() {
        AccessClock always = new AccessClock(START, () -> 0.0);
        always.created(1, START);
        always.touch(1, START + 20_000);
        always.touch(1, START + 21_000);
        assertThat(always.idleSeconds(1, START + 21_000)).isZero();
        assertThat(always.frequency(1, START + 21_000)).isEqualTo(7);

        // At the initial count the increment is certain (p = 1); above it, p = 1 / (10 (count - 5) + 1).
        AccessClock rarely = new AccessClock(START, () -> 0.99);
        rarely.created(1, START);
        rarely.touch(1, START + 20_000);
        rarely.touch(1, START + 20_000);
        assertThat(rarely.idleSeconds(1, START + 25_000)).isEqualTo(5);
        assertThat(rarely.frequency(1, START + 25_000)).isEqualTo(6);
    }

    @Test
    void frequencyDecaysOneStepPerIdleMinute_andSlotsAreIndependent() {
        AccessClock clock = new AccessClock(START, () -> 0.0);
        clock.created(2, START);
        for (int i = 0; i < 4; i++) {
            clock.touch(2, START);
        }
        clock.created(3, START);
        assertThat(clock.frequency(2, START)).isEqualTo(9);
        assertThat(clock.frequency(2, START + 3 * 60_000)).isEqualTo(6);
        assertThat(clock.frequency(2, START + 60 * 60_000)).isZero();
        assertThat(clock.frequency(3, START)).isEqualTo(5);
        assertThat(clock.idleSeconds(3, START + 90_000)).isEqualTo(90);
    }
}
