package io.augur.predictor.model.lstm;

import io.augur.engine.EngineSettings;
import io.augur.engine.NativeEngine;
import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.Prediction;
import io.augur.predictor.model.Predictors;
import io.augur.predictor.model.SuccessorPredictor;
import io.augur.predictor.train.LstmTraining;
import io.augur.predictor.train.TrainerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The LSTM predictor, trained for real with DJL on the CPU. One model is trained once for the
 * class (a few seconds on one core) and reused, so the suite stays well under its time bound.
 */
// A safety net against a hung engine, not a performance bound: training ends by epochs, never by the clock.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LstmPredictorTest {

    /** A training budget no run reaches, so a loaded machine trains as many epochs as an idle one. */
    private static final long UNREACHED_BUDGET_MILLIS = TimeUnit.HOURS.toMillis(1);

    /** Rounds of the repeating pattern trained on: 60 x 50 reads. */
    private static final int TRAINING_ROUNDS = 60;

    static NativeEngine engine;
    @TempDir
    static Path trainedDir;
    /** A predictor trained on {@link #TRAINING_ROUNDS} rounds, its model saved in {@link #trainedDir}. */
    static LstmPredictor trained;
    static boolean trainedSwapped;
    /** What {@link #trained} predicted for clients 1 and 2 right after training. */
    static List<List<Prediction>> predictedAfterTraining;

    @TempDir
    Path dir;

    @BeforeAll
    static void train() throws Exception {
        engine = NativeEngine.load(new EngineSettings("cpu", 1, 1));
        trained = new LstmPredictor(engine, Predictors::successorAndDelta, quick(), trainedDir, false);
        interleavedCycles(TRAINING_ROUNDS).forEach(trained::observe);
        trainedSwapped = trained.trainNow();
        predictedAfterTraining = List.of(trained.predict(1, 2), trained.predict(2, 2));
    }

    @AfterAll
    static void close() {
        trained.close();
    }

    /** Quick settings: training only when asked, every new event counts, a bounded budget. */
    private static TrainerSettings quick() {
        return new TrainerSettings(3_600_000, 1, 20_000, 500, 12, UNREACHED_BUDGET_MILLIS, 2, 1.0);
    }

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A repeating sequence of 50 keys: two clients interleaved, each walking its own fixed cycle
     * of 25 keys that are not numeric strides (so only a learned successor order predicts them).
     */
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
    void predict_withoutModel_delegatesToTheFallback() {
        try (LstmPredictor lstm = new LstmPredictor(engine, SuccessorPredictor::new, quick(), null, false)) {
            interleavedCycles(3).forEach(lstm::observe);
            assertThat(lstm.modelServing()).isFalse();
            List<Prediction> p = lstm.predict(1, 2);
            assertThat(p).isNotEmpty();
            assertThat(new String(p.get(0).key(), StandardCharsets.UTF_8)).startsWith("a:");
            assertThat(lstm.inference().count()).isZero();
        }
    }

    @Test
    void train_oneEpochOfTwoBatches_lossIsFiniteAndBounded() {
        // 3 rounds of 2 x 25 reads: 148 samples, so 1 epoch is exactly 2 batches of 64.
        var result = LstmTraining.train(engine, interleavedCycles(3), 200, 1, UNREACHED_BUDGET_MILLIS, 1, 7);
        assertThat(result).isNotNull();
        assertThat(result.steps()).isEqualTo(2);
        // Untrained, cross-entropy over V tokens starts near ln(V) = ln(68) = 4.2.
        assertThat(result.lastLoss()).isFinite().isPositive().isLessThan(6f);
        result.model().close();
    }

    /*
     * What these checks do not show: the cycles are first-order, so the tables alone (lstm-untrained)
     * also name each client's next key, held out and per connection. They check that a trained
     * model is swapped in and served without blurring clients; that the network adds what the
     * tables cannot is LongDependencyTest's job.
     */

    @Test
    void trainNow_repeatingInterleavedSequence_swapsInAModelAndTheServedBlendNamesEachClientsNextKey() {
        assertThat(trainedSwapped).isTrue();
        assertThat(trained.modelServing()).isTrue();
        // Scored as served, the tables carry a first-order cycle: the model must not do worse.
        assertThat(trained.trainer().lastCandidateAccuracy())
                .isGreaterThanOrEqualTo(trained.trainer().lastBaselineAccuracy());
        // Held out: a fresh repetition. After each read, the top 2 must hold that client's next
        // read, which is two events later (clients alternate). Were the clients' sequences
        // blurred into one, the model would name the other client's key instead.
        List<AccessEvent> next = interleavedCycles(2);
        int hits = 0;
        int total = 0;
        for (int i = 0; i + 2 < next.size(); i++) {
            AccessEvent e = next.get(i);
            trained.observe(e);
            total++;
            if (contains(trained.predict(e.connectionId(), 2), next.get(i + 2).key())) {
                hits++;
            }
        }
        assertThat((double) hits / total).isGreaterThan(0.9);
        assertThat(trained.inference().count()).isPositive();
    }

    @Test
    void predict_loadedModelWithInterleavedClients_eachGetsItsOwnContinuation() {
        try (LstmPredictor lstm = new LstmPredictor(engine, SuccessorPredictor::new, quick(), trainedDir, false)) {
            // Client 7 walks the a-cycle, client 8 the b-cycle, interleaved event by event.
            interleavedCycles(1).forEach(e -> lstm.observe(new AccessEvent(e.key(), e.op(), e.hit(),
                    e.timeMillis(), e.connectionId() + 6)));
            assertThat(lstm.modelServing()).isTrue();
            assertThat(names(lstm.predict(7, 1))).allMatch(k -> k.startsWith("a:"));
            assertThat(names(lstm.predict(8, 1))).allMatch(k -> k.startsWith("b:"));
        }
    }

    @Test
    void prepare_batchOfReads_timesItsBatchedForwardPass() {
        try (LstmPredictor lstm = new LstmPredictor(engine, SuccessorPredictor::new, quick(), trainedDir, false)) {
            List<Long> observed = new java.util.concurrent.CopyOnWriteArrayList<>();
            lstm.inference().observer(observed::add);
            List<AccessEvent> round = interleavedCycles(1);
            round.forEach(lstm::observe);
            assertThat(lstm.modelServing()).isTrue();
            // The server's predictor thread: prepare the drained batch, then predict per read (cache lookups).
            lstm.prepare(round, 2);
            long passes = lstm.inference().count();
            assertThat(passes).as("batched forward passes timed").isPositive();
            assertThat(observed).hasSize((int) passes).allMatch(nanos -> nanos > 0);
        }
    }

    @Test
    void load_savedModel_newPredictorPredictsTheSameAsTheTrainedOne() {
        try (LstmPredictor restarted = new LstmPredictor(engine, SuccessorPredictor::new, quick(), trainedDir, false)) {
            assertThat(restarted.modelServing()).isTrue();
            assertThat(restarted.modelVersion()).isEqualTo(1);
            // One round leaves each client with the same last 16 reads as the end of training.
            interleavedCycles(1).forEach(restarted::observe);
            for (int client = 1; client <= 2; client++) {
                // The first k are the next reads; keys rolled forward further ahead may follow.
                List<Prediction> now = restarted.predict(client, 2).subList(0, 2);
                assertThat(names(now)).isEqualTo(names(predictedAfterTraining.get(client - 1).subList(0, 2)));
                // Probabilities are calibrated by each process's own outcomes, so only their range is shared.
                assertThat(now.get(0).probability()).isBetween(0.0, 1.0);
            }
        }
    }

    @Test
    void load_aModelSavedBeforeTheTimeInputs_isIgnored_andTheTablesServe() throws Exception {
        copy(trainedDir, dir);
        java.nio.file.Files.delete(dir.resolve("format.txt")); // as an older version saved it
        try (LstmPredictor restarted = new LstmPredictor(engine, SuccessorPredictor::new, quick(), dir, false)) {
            assertThat(restarted.modelServing()).isFalse();
            interleavedCycles(2).forEach(restarted::observe);
            assertThat(restarted.predict(1, 2)).isNotEmpty();
        }
    }

    private static void copy(Path from, Path to) {
        try (var files = java.nio.file.Files.list(from)) {
            for (Path f : files.toList()) {
                java.nio.file.Files.copy(f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean contains(List<Prediction> predictions, byte[] key) {
        for (Prediction p : predictions) {
            if (Arrays.equals(p.key(), key)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> names(List<Prediction> predictions) {
        List<String> names = new ArrayList<>();
        for (Prediction p : predictions) {
            names.add(new String(p.key(), StandardCharsets.UTF_8));
        }
        return names;
    }
}
