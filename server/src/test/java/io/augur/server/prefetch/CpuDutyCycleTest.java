package io.augur.server.prefetch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CpuDutyCycleTest {

    private static final long MS = 1_000_000;

    @Test
    void workWithinTheBudgetNeverRests_soAPredictionFollowsItsReadAtOnce() {
        CpuDutyCycle cycle = new CpuDutyCycle();
        long now = 0;
        for (int batch = 0; batch < 10_000; batch++) {
            now += 4 * MS;
            assertThat(cycle.rest(MS, now, 0.25)).isZero(); // 1 ms of work every 4 ms: a quarter of a core
        }
    }

    @Test
    void workBeyondTheBudgetRestsLongEnoughToKeepTheShare() {
        CpuDutyCycle cycle = new CpuDutyCycle();
        long now = 0;
        long worked = 0;
        for (int batch = 0; batch < 10_000; batch++) {
            long busy = 2 * MS; // as much as the thread can: it works, then rests as told
            now += busy;
            worked += busy;
            now += cycle.rest(busy, now, 0.25);
        }
        assertThat((double) worked / now).isBetween(0.24, 0.26);
    }

    @Test
    void aBurstIsPaidFromCreditSavedWhileIdle_upToItsBound() {
        CpuDutyCycle cycle = new CpuDutyCycle();
        cycle.rest(0, 0, 0.5);
        long saved = CpuDutyCycle.BURST_NANOS / 2;
        assertThat(cycle.rest(saved, 10_000 * MS, 0.5)).isZero();
        assertThat(cycle.rest(10 * MS, 10_000 * MS, 0.5)).isEqualTo(20 * MS);
    }

    @Test
    void aWholeCoreNeverRests() {
        assertThat(new CpuDutyCycle().rest(1_000 * MS, 0, 1)).isZero();
    }
}
