package io.augur.predictor.model.lstm;

import io.augur.engine.EngineSettings;
import io.augur.engine.NativeEngine;
import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.Prediction;
import io.augur.predictor.model.Predictor;
import io.augur.predictor.model.Predictors;
import io.augur.predictor.model.SuccessorPredictor;
import io.augur.predictor.train.LstmTraining;
import io.augur.predictor.train.TrainerSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The LSTM predictor, trained for real with DJL on the CPU. */
class LstmPredictorTest {

    static NativeEngine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadEngine() throws Exception {
        engine = NativeEngine.load(new EngineSettings("cpu", 2, 1));
    }

    /** Quick settings: training only when asked, small budget. */
    private static TrainerSettings quick() {
        return new TrainerSettings(3_600_000, 1, 20_000, 500, 12, 30_000, 2, 1.0);
    }

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Two clients interleaved, each walking its own fixed cycle of keys that are not numeric strides. */
    private static List<AccessEvent> interleavedCycles(int rounds) {
        List<AccessEvent> events = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < 25; i++) {
                events.add(new AccessEvent(key("a:" + (i * 37 % 101) + "x"), AccessEvent.Op.READ, false, r, 1));
                events.add(new AccessEvent(key("b:" + (i * 53 % 103) + "y"), AccessEvent.Op.READ, false, r, 2));
            }
        }
        return events;
    }

    @Test
    void withoutModel_delegatesToTheBaseline() {
        try (LstmPredictor lstm = new LstmPredictor(engine, SuccessorPredictor::new, quick(), null, false)) {
            for (AccessEvent e : interleavedCycles(3)) {
                lstm.observe(e);
            }
            assertThat(lstm.modelServing()).isFalse();
            List<Prediction> p = lstm.predict(1, 2);
            assertThat(p).isNotEmpty();
            assertThat(new String(p.get(0).key(), StandardCharsets.UTF_8)).startsWith("a:");
        }
    }

    @Test
    void training_smoke_oneShortRun_lossIsFiniteAndBounded() {
        // 3 rounds of 2 x 25 reads: 148 samples, so 1 epoch is exactly 2 batches of 64.
        var result = LstmTraining.train(engine, interleavedCycles(3), 200, 1, 10_000, 1, 7);
        assertThat(result).isNotNull();
        assertThat(result.steps()).isEqualTo(2);
        // Untrained, cross-entropy over V tokens starts near ln(V) = ln(68) = 4.2.
        assertThat(result.lastLoss()).isFinite().isPositive().isLessThan(6f);
        result.model().close();
    }

    @Test
    void learnsInterleavedSequences_perClient_andBeatsNothingWorseThanBaseline() {
        try (LstmPredictor lstm = new LstmPredictor(engine, Predictors::successorAndDelta, quick(), dir, false)) {
            for (AccessEvent e : interleavedCycles(60)) {
                lstm.observe(e);
            }
            assertThat(lstm.trainNow()).isTrue();
            assertThat(lstm.modelServing()).isTrue();
            assertThat(lstm.trainer().lastCandidateAccuracy()).isGreaterThan(0.9);
            // Held-out check: after each client's key, the LSTM's top-2 holds that client's next key.
            int hits = 0;
            int total = 0;
            List<AccessEvent> next = interleavedCycles(2);
            for (int i = 0; i + 2 < next.size(); i++) {
                AccessEvent e = next.get(i);
                lstm.observe(e);
                byte[] expected = next.get(i + 2).key(); // the same client's next read (interleaved by 2)
                total++;
                for (Prediction p : lstm.predict(e.connectionId(), 2)) {
                    if (java.util.Arrays.equals(p.key(), expected)) {
                        hits++;
                        break;
                    }
                }
            }
            assertThat((double) hits / total).isGreaterThan(0.9);
            assertThat(lstm.inference().count()).isPositive();
        }
    }

    @Test
    void savedModel_isLoadedByANewPredictor_withTheSamePredictions() {
        List<String> before;
        try (LstmPredictor lstm = new LstmPredictor(engine, Predictors::successorAndDelta, quick(), dir, false)) {
            interleavedCycles(60).forEach(lstm::observe);
            assertThat(lstm.trainNow()).isTrue();
            before = names(lstm.predict(1, 2));
        }
        try (LstmPredictor restarted = new LstmPredictor(engine, SuccessorPredictor::new, quick(), dir, false)) {
            assertThat(restarted.modelServing()).isTrue();
            assertThat(restarted.modelVersion()).isEqualTo(1);
            interleavedCycles(60).forEach(restarted::observe);
            assertThat(names(restarted.predict(1, 2))).isEqualTo(before);
        }
    }

    @Test
    void candidateNoBetterThanTheRunningModel_isNotSwappedIn() {
        try (LstmPredictor lstm = new LstmPredictor(engine, Predictors::successorAndDelta, quick(), null, false)) {
            interleavedCycles(60).forEach(lstm::observe);
            assertThat(lstm.trainNow()).isTrue();
            long version = lstm.modelVersion();
            // The window now holds only keys read once: nothing to learn, so no candidate can win.
            for (int i = 0; i < 20_000; i++) {
                lstm.observe(new AccessEvent(key("noise:" + i + "z"), AccessEvent.Op.READ, false, i, 1));
            }
            assertThat(lstm.trainNow()).isFalse();
            assertThat(lstm.modelVersion()).isEqualTo(version);
            assertThat(lstm.modelServing()).isTrue();
            assertThat(lstm.trainer().rejections()).isPositive();
        }
    }

    private static List<String> names(List<Prediction> predictions) {
        List<String> names = new ArrayList<>();
        for (Prediction p : predictions) {
            names.add(new String(p.key(), StandardCharsets.UTF_8));
        }
        return names;
    }

}
