package io.augur.predictor.plan;

import io.augur.predictor.model.Prediction;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Turning predictions into origin requests, within budgets. */
class PrefetchPlannerTest {

    private static Prediction p(String key, double probability) {
        return new Prediction(key.getBytes(StandardCharsets.UTF_8), probability);
    }

    private static List<String> names(List<byte[]> keys) {
        return keys.stream().map(k -> new String(k, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void plan_skipsLowConfidenceCachedInFlightAndRecent() {
        PrefetchPlanner planner = new PrefetchPlanner(new PlannerSettings().topK(5).minConfidence(0.3));
        assertThat(names(planner.plan(List.of(p("a", 0.9), p("low", 0.1), p("cached", 0.9)),
                k -> new String(k).equals("cached"), 0))).containsExactly("a");
        assertThat(planner.skippedLowConfidence()).isEqualTo(1);
        assertThat(planner.skippedCached()).isEqualTo(1);
        assertThat(planner.plan(List.of(p("a", 0.9)), k -> false, 10)).isEmpty();
        assertThat(planner.skippedInFlight()).isEqualTo(1);
        planner.completed("a".getBytes());
        assertThat(planner.plan(List.of(p("a", 0.9)), k -> false, 20)).isEmpty();
        assertThat(planner.skippedRecent()).isEqualTo(1);
        assertThat(names(planner.plan(List.of(p("a", 0.9)), k -> false, 10_000))).containsExactly("a");
    }

    @Test
    void repeatable_areTheSurePredictionsOfTheNextRead_uptoTopK() {
        PrefetchPlanner planner = new PrefetchPlanner(new PlannerSettings().topK(2));
        double sure = PrefetchPlanner.REPEAT_MIN_CHANCE;
        Prediction deep = new Prediction("deep".getBytes(StandardCharsets.UTF_8), 0.9, 4, "chain");
        List<Prediction> repeatable = planner.repeatable(List.of(p("unsure", sure / 2), deep, p("a", sure),
                p("b", 0.9), p("c", 0.9)));
        assertThat(repeatable).extracting(r -> new String(r.key(), StandardCharsets.UTF_8)).containsExactly("a", "b");
        assertThat(planner.repeatable(List.of(p("unsure", sure / 2)))).isEmpty();
    }

    @Test
    void claim_marksAKeyInFlightOnce_withinTheInFlightCap() {
        PrefetchPlanner planner = new PrefetchPlanner(new PlannerSettings().maxInFlight(2));
        planner.plan(List.of(), k -> false, 0); // the origin budget fills as the predictor thread plans
        assertThat(planner.claim("a".getBytes())).isTrue();
        assertThat(planner.claim("a".getBytes())).as("already in flight").isFalse();
        assertThat(planner.isInFlight("a".getBytes())).isTrue();
        // The planner skips what a claim holds in flight.
        assertThat(planner.plan(List.of(p("a", 0.9)), k -> false, 0)).isEmpty();
        assertThat(planner.claim("b".getBytes())).isTrue();
        assertThat(planner.claim("c".getBytes())).as("cap of two reached").isFalse();
        planner.completed("a".getBytes());
        assertThat(planner.claim("c".getBytes())).isTrue();
    }

    @Test
    void claim_spendsFromTheSameOriginBudgetAsPlans() {
        PrefetchPlanner planner = new PrefetchPlanner(new PlannerSettings().maxRequestsPerSecond(3).maxInFlight(100));
        // The budget fills when the predictor thread plans (3 per second here), and a plan spends one.
        assertThat(names(planner.plan(List.of(p("a", 0.9)), k -> false, 1_000))).containsExactly("a");
        assertThat(planner.claim("b".getBytes())).isTrue();
        assertThat(planner.claim("c".getBytes())).isTrue();
        assertThat(planner.claim("d".getBytes())).as("budget spent").isFalse();
        assertThat(planner.plan(List.of(p("e", 0.9)), k -> false, 1_000)).as("nor left for a plan").isEmpty();
        assertThat(planner.skippedBudget()).isEqualTo(1);
    }

    @Test
    void backoff_isPerSourceOfPrediction_soAWastefulTableDoesNotSilenceOneThatPays() {
        PrefetchPlanner planner = new PrefetchPlanner(new PlannerSettings().topK(2).minPrecision(0.1)
                .recentWindowMillis(0).maxInFlight(100_000).maxRequestsPerSecond(1_000_000));
        long user = 7;
        int paysPlanned = 0;
        int wastesPlanned = 0;
        for (int i = 0; i < 400; i++) {
            List<byte[]> keys = planner.plan(user, List.of(
                    new Prediction(("pays" + i).getBytes(StandardCharsets.UTF_8), 0.9, 1, "successor"),
                    new Prediction(("wastes" + i).getBytes(StandardCharsets.UTF_8), 0.9, 1, "delta")), k -> false, i);
            for (byte[] key : keys) {
                String name = new String(key, StandardCharsets.UTF_8);
                planner.completed(key);
                planner.outcome(key, name.startsWith("pays")); // every successor key is read, no delta key
                if (i >= 200) {
                    paysPlanned += name.startsWith("pays") ? 1 : 0;
                    wastesPlanned += name.startsWith("wastes") ? 1 : 0;
                }
            }
        }
        assertThat(paysPlanned).as("the successor's keys, which pay, all go out").isEqualTo(200);
        assertThat(wastesPlanned).as("the delta table's, which never pay, are only probes").isLessThan(10);
    }

    @Test
    void plan_respectsTheRateBudget() {
        PrefetchPlanner planner = new PrefetchPlanner(new PlannerSettings().topK(1).maxRequestsPerSecond(10)
                .maxInFlight(1000));
        int planned = 0;
        for (int i = 0; i < 100; i++) {
            planned += planner.plan(List.of(p("k" + i, 0.9)), k -> false, 0).size();
        }
        assertThat(planned).isEqualTo(10);
        planned += planner.plan(List.of(p("later", 0.9)), k -> false, 500).size();
        assertThat(planned).isEqualTo(11);
        assertThat(planner.skippedBudget()).isEqualTo(90);
    }

    @Test
    void plan_respectsTheInFlightCap() {
        PrefetchPlanner planner = new PrefetchPlanner(new PlannerSettings().topK(1).maxInFlight(2));
        for (int i = 0; i < 5; i++) {
            planner.plan(List.of(p("k" + i, 0.9)), k -> false, 0);
        }
        assertThat(planner.inFlight()).isEqualTo(2);
        planner.completed("k0".getBytes());
        assertThat(planner.plan(List.of(p("k9", 0.9)), k -> false, 0)).hasSize(1);
    }

    @Test
    void plan_takesPredictionsFurtherAhead_onlyOnceItsPrefetchesLandLate() {
        PrefetchPlanner planner = new PrefetchPlanner(new PlannerSettings().topK(2).recentWindowMillis(0));
        List<Prediction> nearAndAhead = List.of(
                new Prediction("next".getBytes(StandardCharsets.UTF_8), 0.9, 1),
                new Prediction("later".getBytes(StandardCharsets.UTF_8), 0.9, 5));
        // A fast origin: prefetches are used, never late -> only the next read's key.
        for (int i = 0; i < 64; i++) {
            planner.prefetchUsed();
        }
        assertThat(names(planner.plan(nearAndAhead, k -> false, 0))).containsExactly("next");
        assertThat(planner.reachingAhead()).isFalse();
        planner.completed("next".getBytes(StandardCharsets.UTF_8));
        // A slow origin: most prefetches land after their read -> reach ahead too.
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < 32; i++) {
                planner.prefetchLate();
            }
            planner.plan(List.of(), k -> false, 1);
        }
        assertThat(planner.reachingAhead()).isTrue();
        assertThat(names(planner.plan(nearAndAhead, k -> false, 2))).containsExactly("next", "later");
    }

    @Test
    void reachingAhead_putsKeysDueAfterHalfTheOriginsLatencyInReadsFirst() {
        PrefetchPlanner planner = new PrefetchPlanner(new PlannerSettings().topK(2).recentWindowMillis(0)
                .maxInFlight(1000));
        // Every prefetch lands ten client reads after it was issued, after its read: late.
        for (int i = 0; i < 200; i++) {
            planner.read();
            planner.plan(List.of(p("k" + i, 0.9)), k -> false, i);
            if (i >= 10) {
                planner.completed(("k" + (i - 10)).getBytes(StandardCharsets.UTF_8));
                planner.prefetchLate();
            }
        }
        assertThat(planner.latencyReads()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(planner.reachingAhead()).isTrue();
        List<Prediction> byDepth = List.of(
                new Prediction("next".getBytes(StandardCharsets.UTF_8), 0.9, 1),
                new Prediction("in-four".getBytes(StandardCharsets.UTF_8), 0.9, 4),
                new Prediction("in-eight".getBytes(StandardCharsets.UTF_8), 0.9, 8),
                new Prediction("in-twelve".getBytes(StandardCharsets.UTF_8), 0.9, 12));
        assertThat(names(planner.plan(byDepth, k -> false, 300))).containsExactly("in-eight", "in-twelve");
        // With nothing deep enough, the nearer keys still go out (a late prefetch still shortens the wait).
        assertThat(names(planner.plan(byDepth.subList(0, 2), k -> false, 301))).containsExactly("next", "in-four");
    }

    @Test
    void reachingAhead_measuresTheOriginInTheReadingContextsOwnReads_soNextKeysStayFirst() {
        PrefetchPlanner planner = new PrefetchPlanner(new PlannerSettings().topK(2).recentWindowMillis(0)
                .maxInFlight(1000).minPrecision(0));
        // Ten users read in turn; each prefetch lands ten server reads (one of its user's reads) later, late.
        for (int i = 0; i < 400; i++) {
            long user = i % 10;
            planner.read(user);
            planner.plan(user, List.of(p("k" + i, 0.9)), k -> false, i);
            if (i >= 10) {
                planner.completed(("k" + (i - 10)).getBytes(StandardCharsets.UTF_8));
                planner.prefetchLate();
            }
        }
        assertThat(planner.latencyReads()).isCloseTo(10.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(planner.contextLatencyReads()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(planner.reachingAhead()).isTrue();
        List<Prediction> byDepth = List.of(
                new Prediction("next".getBytes(StandardCharsets.UTF_8), 0.9, 1),
                new Prediction("in-four".getBytes(StandardCharsets.UTF_8), 0.9, 4),
                new Prediction("in-eight".getBytes(StandardCharsets.UTF_8), 0.9, 8));
        assertThat(names(planner.plan(3, byDepth, k -> false, 500))).containsExactly("next", "in-four");
    }
}
