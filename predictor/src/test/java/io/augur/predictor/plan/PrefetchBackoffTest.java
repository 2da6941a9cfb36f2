package io.augur.predictor.plan;

import io.augur.predictor.model.Prediction;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Prefetching backs off per context while it does not pay, and recovers when it pays again. */
class PrefetchBackoffTest {

    @Test
    void allows_newContext_untilEnoughOutcomesSayItDoesNotPay() {
        PrefetchBackoff backoff = new PrefetchBackoff(0.25);
        assertThat(backoff.allows(1)).isTrue();
        for (int i = 0; i < 7; i++) {
            backoff.outcome(1, false);
        }
        assertThat(backoff.allows(1)).as("seven outcomes are not yet a trend").isTrue();
        int outcomes = 7;
        while (!backoff.backedOff(1)) {
            backoff.outcome(1, false);
            outcomes++;
        }
        assertThat(outcomes).as("outcomes until nothing read is beyond doubt").isBetween(20, 60);
        assertThat(backoff.allows(2)).as("another context is not affected").isTrue();
    }

    @Test
    void aContextThatPaysAboveTheThreshold_isNotBackedOffByChance() {
        PrefetchBackoff backoff = new PrefetchBackoff(0.1);
        java.util.Random random = new java.util.Random(42);
        int refused = 0;
        int plans = 20_000;
        for (int i = 0; i < plans; i++) {
            refused += backoff.allows(1) ? 0 : 1;
            backoff.outcome(1, random.nextDouble() < 0.2); // one prefetch in five is read
        }
        assertThat((double) refused / plans).as("plans refused").isLessThan(0.01);
    }

    @Test
    void aNewContextStartsAtThePrecisionOfAll() {
        PrefetchBackoff backoff = new PrefetchBackoff(0.25);
        for (int context = 1; context <= 100; context++) {
            for (int i = 0; i < 10; i++) {
                backoff.outcome(context, false);
            }
        }
        for (int i = 0; i < 8; i++) {
            backoff.outcome(1000, false);
        }
        assertThat(backoff.backedOff(1000)).as("eight wasted where nothing has paid").isTrue();
    }

    @Test
    void allows_backedOffContext_probesEverRarerWhileTheyFail_thenRecoversWhenProbesPay() {
        PrefetchBackoff backoff = new PrefetchBackoff(0.25);
        for (int i = 0; i < 100; i++) {
            backoff.outcome(1, false);
        }
        List<Integer> probeAt = new java.util.ArrayList<>();
        for (int plan = 1; plan <= 8 * PrefetchBackoff.PROBE_EVERY; plan++) {
            if (backoff.allows(1)) {
                probeAt.add(plan);
            }
        }
        int first = PrefetchBackoff.PROBE_EVERY;
        assertThat(probeAt).containsExactly(first, first + 2 * first, first + 2 * first + 4 * first);
        assertThat(backoff.probes()).isEqualTo(3);
        for (int i = 0; i < 60; i++) {
            backoff.outcome(1, true);
        }
        assertThat(backoff.backedOff(1)).isFalse();
        assertThat(backoff.allows(1)).isTrue();
    }

    @Test
    void probesNeverGrowRarerThanTheirBound() {
        PrefetchBackoff backoff = new PrefetchBackoff(0.25);
        for (int i = 0; i < 100; i++) {
            backoff.outcome(1, false);
        }
        int allowed = 0;
        for (int plan = 0; plan < 100 * PrefetchBackoff.MAX_PROBE_EVERY; plan++) {
            allowed += backoff.allows(1) ? 1 : 0;
        }
        assertThat(allowed).isBetween(100, 110);
    }

    @Test
    void allows_minPrecisionZero_neverBacksOff() {
        PrefetchBackoff backoff = new PrefetchBackoff(0);
        for (int i = 0; i < 100; i++) {
            backoff.outcome(1, false);
        }
        assertThat(backoff.allows(1)).isTrue();
    }

    @Test
    void plan_contextWhosePrefetchesAreWasted_getsOnlyProbes_whileAnotherContextKeepsPrefetching() {
        PlannerSettings settings = new PlannerSettings().topK(1).maxInFlight(1_000_000)
                .maxRequestsPerSecond(1e9).recentWindowMillis(0).minPrecision(0.25);
        PrefetchPlanner planner = new PrefetchPlanner(settings);
        int wastedContextPlans = 0;
        int usedContextPlans = 0;
        for (int i = 0; i < 400; i++) {
            for (byte[] k : planner.plan(1, List.of(p("w" + i)), x -> false, i)) {
                wastedContextPlans++;
                planner.completed(k);
                planner.outcome(k, false);
            }
            for (byte[] k : planner.plan(2, List.of(p("u" + i)), x -> false, i)) {
                usedContextPlans++;
                planner.completed(k);
                planner.outcome(k, true);
            }
        }
        assertThat(usedContextPlans).isEqualTo(400);
        assertThat(wastedContextPlans).as("until beyond doubt, then probes").isLessThan(60 + 400 / PrefetchBackoff.PROBE_EVERY);
        assertThat(planner.backoff().backedOff(PrefetchBackoff.scored(1, Prediction.UNATTRIBUTED))).isTrue();
    }

    private static Prediction p(String key) {
        return new Prediction(key.getBytes(StandardCharsets.UTF_8), 0.9);
    }
}
