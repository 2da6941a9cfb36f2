package io.augur.predictor.eval.gen;

import io.augur.predictor.eval.PredictionRecorder;
import io.augur.predictor.eval.ReplaySimulation;
import io.augur.predictor.eval.Trace;
import io.augur.predictor.eval.TraceReader;
import io.augur.predictor.model.Predictors;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** Each generator: deterministic for a seed, the requested size, and the property it claims. */
class WorkloadsTest {

    private record Read(int client, String key) {
    }

    private static List<Read> generate(String name, int reads, int keys, long seed) {
        List<Read> out = new ArrayList<>();
        Workloads.create(name, 0.99).generate(reads, keys, new SplittableRandom(seed), (c, k) -> out.add(new Read(c, k)));
        return out;
    }

    private static Trace asTrace(List<Read> reads) throws IOException {
        StringBuilder text = new StringBuilder();
        reads.forEach(r -> text.append(r.client()).append(' ').append(r.key()).append('\n'));
        return TraceReader.read("gen", new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyWorkload_isDeterministicForASeed_andWritesTheReadsAsked() throws IOException {
        for (String name : Workloads.NAMES) {
            List<Read> a = generate(name, 5_000, 2_000, 42);
            assertThat(a).as(name).hasSize(5_000).isEqualTo(generate(name, 5_000, 2_000, 42));
            assertThat(a).as(name + " with another seed").isNotEqualTo(generate(name, 5_000, 2_000, 43));
            assertThat(asTrace(a).reads()).isEqualTo(5_000);
        }
    }

    @Test
    void zipf_topKeyShare_isCloseToTheory() {
        List<Read> reads = generate("zipf", 200_000, 10_000, 1);
        Map<String, Integer> counts = new HashMap<>();
        reads.forEach(r -> counts.merge(r.key(), 1, Integer::sum));
        double harmonic = 0;
        for (int i = 1; i <= 10_000; i++) {
            harmonic += 1 / Math.pow(i, 0.99);
        }
        double top = counts.values().stream().mapToInt(Integer::intValue).max().orElseThrow() / 200_000.0;
        assertThat(top).isCloseTo(1 / harmonic, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void mlEpochs_readEverySampleOncePerEpoch_inOrderWithinABatch() {
        List<Read> reads = generate("ml-epochs", 2 * 3_200, 3_200, 5);
        for (int epoch = 0; epoch < 2; epoch++) {
            Set<String> seen = new HashSet<>();
            for (int i = epoch * 3_200; i < (epoch + 1) * 3_200; i++) {
                assertThat(seen.add(reads.get(i).key())).as("read twice in an epoch").isTrue();
                if (i % 32 != 0) {
                    int previous = Integer.parseInt(reads.get(i - 1).key().substring(7));
                    assertThat(Integer.parseInt(reads.get(i).key().substring(7))).isEqualTo(previous + 1);
                }
            }
            assertThat(seen).hasSize(3_200);
        }
    }

    @Test
    void gaming_aLevelsAssetsFollowItsLoad_alwaysInTheSameOrder() {
        Map<String, List<String>> firstOrder = new HashMap<>();
        Map<Integer, List<String>> current = new HashMap<>();
        for (Read r : generate("gaming", 50_000, 4_000, 9)) {
            if (!r.key().contains(":asset:")) {
                current.put(r.client(), new ArrayList<>(List.of(r.key())));
            } else {
                List<String> session = current.get(r.client());
                assertThat(r.key()).startsWith(session.get(0) + ":asset:");
                session.add(r.key());
                List<String> reference = firstOrder.computeIfAbsent(session.get(0), l -> new ArrayList<>(session));
                if (reference.size() >= session.size()) {
                    assertThat(reference.get(session.size() - 1)).isEqualTo(r.key());
                } else {
                    reference.add(r.key());
                }
            }
        }
    }

    @Test
    void webSessions_aClientAwareSuccessorTable_beatsNoPrefetch() throws IOException {
        Trace trace = asTrace(generate("web-sessions", 60_000, 3_000, 3));
        PredictionRecorder recorder = new PredictionRecorder(2, true, new PredictionRecorder.TrainingSchedule(1, 1, 0), n -> { });
        var tape = recorder.record(trace, Predictors.create("successor"));
        int cache = trace.distinct() / 20;
        assertThat(ReplaySimulation.withPrefetch(trace, tape, cache, 1, 0.2, 2).hitRatio())
                .isGreaterThan(ReplaySimulation.withoutPrefetch(trace, cache).hitRatio() + 0.1);
    }

    @Test
    void dailyRoutes_aLandingPagesFollowUp_isFixedWithinAShift_andChangesBetweenShifts() {
        int reads = 168 * 1_000; // a simulated week, 1,000 reads an hour
        List<Read> trace = generate("daily-routes", reads, 200, 11);
        // follow-ups seen per (landing page, shift)
        Map<String, Map<String, Integer>> followUps = new HashMap<>();
        for (int i = 0; i + 1 < trace.size(); i += 2) {
            assertThat(trace.get(i).key()).startsWith("landing:");
            assertThat(trace.get(i + 1).key()).startsWith("page:");
            int shift = (i / 1_000) % 24 / 6;
            followUps.computeIfAbsent(trace.get(i).key() + "@" + shift, k -> new HashMap<>())
                    .merge(trace.get(i + 1).key(), 1, Integer::sum);
        }
        int routes = 0;
        int fixed = 0;
        Map<String, Set<String>> routePerLanding = new HashMap<>();
        for (var e : followUps.entrySet()) {
            int total = e.getValue().values().stream().mapToInt(Integer::intValue).sum();
            var top = e.getValue().entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow();
            routes++;
            if (total >= 10 && top.getValue() >= 0.75 * total) {
                fixed++;
            }
            routePerLanding.computeIfAbsent(e.getKey().split("@")[0], k -> new HashSet<>()).add(top.getKey());
        }
        assertThat(fixed).as("routes whose follow-up is the same 90% of the time").isGreaterThan(routes * 9 / 10);
        long changing = routePerLanding.values().stream().filter(pages -> pages.size() >= 3).count();
        assertThat(changing).as("landing pages leading elsewhere in different shifts")
                .isGreaterThan(routePerLanding.size() * 9 / 10);
    }

    @Test
    void perUser_sessionsAreTheUsersOwn_andAClientAwareSuccessorTableGains() throws IOException {
        List<Read> reads = generate("per-user", 60_000, 6_000, 7);
        Map<Integer, String> previous = new HashMap<>();
        for (Read r : reads) {
            if (r.key().startsWith("user:")) {
                assertThat(r.key()).startsWith("user:" + r.client() + ":");
            }
            if (r.key().endsWith(":cart")) {
                assertThat(previous.get(r.client())).isEqualTo("user:" + r.client() + ":profile");
            }
            previous.put(r.client(), r.key());
        }
        Trace trace = asTrace(reads);
        PredictionRecorder recorder = new PredictionRecorder(2, true, new PredictionRecorder.TrainingSchedule(1, 1, 0), n -> { });
        var tape = recorder.record(trace, Predictors.create("successor"));
        int cache = trace.distinct() / 20;
        assertThat(ReplaySimulation.withPrefetch(trace, tape, cache, 1, 0.2, 2).hitRatio())
                .isGreaterThan(ReplaySimulation.withoutPrefetch(trace, cache).hitRatio() + 0.2);
    }
}
