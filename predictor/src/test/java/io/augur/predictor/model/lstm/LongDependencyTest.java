package io.augur.predictor.model.lstm;

import io.augur.engine.EngineSettings;
import io.augur.engine.NativeEngine;
import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.Prediction;
import io.augur.predictor.model.Predictors;
import io.augur.predictor.model.blend.Source;
import io.augur.predictor.train.TrainerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dependency no first-order table can learn: the key after X is B when A came before X, D when
 * C did. The trained network names the right one; the same blend without a network cannot.
 */
// A safety net against a hung engine, not a performance bound: training ends by epochs, never by the clock.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class LongDependencyTest {

    /** A training budget no run reaches, so a loaded machine trains as many epochs as an idle one. */
    private static final long UNREACHED_BUDGET_MILLIS = TimeUnit.HOURS.toMillis(1);
    private static final int TRAINING_EPISODES = 400;
    /** Held-out episodes read (and predicted after each read) so the blend's calibrations learn. */
    private static final int WARM_UP_EPISODES = 60;
    private static final int FILLER_KEYS = 200;
    /**
     * Filler reads between two episodes: more than the blend's outcome horizon (32 reads), so a
     * key counts as read only by its own episode and a chance of 0.5 means a coin toss.
     */
    private static final int FILLER_READS = 34;
    private static final long CLIENT = 1;

    static NativeEngine engine;
    @TempDir
    static Path trainedDir;
    /** Trained on {@link #TRAINING_EPISODES} episodes, its model saved in {@link #trainedDir}. */
    static LstmPredictor trained;
    static LstmPredictor tablesOnly;

    @BeforeAll
    static void train() throws Exception {
        engine = NativeEngine.load(new EngineSettings("cpu", 1, 1));
        trained = new LstmPredictor(engine, Predictors::successorAndDelta, settings(), trainedDir, false);
        tablesOnly = new LstmPredictor(engine, Predictors::successorAndDelta, settings(), null, false);
        List<AccessEvent> training = episodes(TRAINING_EPISODES, new Random(11), 0);
        training.forEach(trained::observe);
        training.forEach(tablesOnly::observe);
        trained.trainNow();
        List<AccessEvent> warmUp = episodes(WARM_UP_EPISODES, new Random(12), training.size());
        for (AccessEvent e : warmUp) {
            for (LstmPredictor p : List.of(trained, tablesOnly)) {
                p.observe(e);
                p.predict(CLIENT, 2);
            }
        }
    }

    @AfterAll
    static void close() {
        // A timing to read, not a bound: one forward pass of both heads for one context.
        System.out.printf("network inference: %d single-context passes, mean %.3f ms%n", trained.inference().count(),
                trained.inference().totalNanos() / 1e6 / Math.max(1, trained.inference().count()));
        trained.close();
        tablesOnly.close();
    }

    /** Top-1 decides the swap: at top-2 the tables name both B and D after X and tie the network. */
    private static TrainerSettings settings() {
        return new TrainerSettings(3_600_000, 1, 20_000, 500, 6, UNREACHED_BUDGET_MILLIS, 1, 1.0);
    }

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static AccessEvent read(String key, long time) {
        return new AccessEvent(key(key), AccessEvent.Op.READ, false, time, CLIENT);
    }

    /** Episodes "A X B" or "C X D", chosen at random, each followed by random filler keys. */
    private static List<AccessEvent> episodes(int count, Random random, long startMillis) {
        List<AccessEvent> events = new ArrayList<>();
        long t = startMillis;
        for (int i = 0; i < count; i++) {
            boolean first = random.nextBoolean();
            events.add(read(first ? "A" : "C", t++));
            events.add(read("X", t++));
            events.add(read(first ? "B" : "D", t++));
            for (int f = 0; f < FILLER_READS; f++) {
                events.add(read("filler:" + random.nextInt(FILLER_KEYS) + "f", t++));
            }
        }
        return events;
    }

    /** The best next-read prediction after the client reads {@code before} then X. */
    private static Prediction afterX(LstmPredictor predictor, String before) {
        long t = 10_000_000;
        predictor.observe(read(before, t));
        predictor.predict(CLIENT, 2);
        predictor.observe(read("X", t + 1));
        return predictor.predict(CLIENT, 2).get(0);
    }

    private static String name(Prediction p) {
        return new String(p.key(), StandardCharsets.UTF_8);
    }

    @Test
    void predict_trainedNetwork_namesTheKeyThatFollowsTheKeyBeforeX() {
        assertThat(trained.modelServing()).as("the trained network won its validation").isTrue();
        Prediction afterA = afterX(trained, "A");
        Prediction afterC = afterX(trained, "C");
        assertThat(name(afterA)).isEqualTo("B");
        assertThat(name(afterC)).isEqualTo("D");
        assertThat(afterA.probability()).isGreaterThan(0.8);
        assertThat(afterC.probability()).isGreaterThan(0.8);
        assertThat(afterA.source()).isEqualTo(Source.NETWORK);
        assertThat(afterC.source()).isEqualTo(Source.NETWORK);
    }

    @Test
    void predict_tablesWithoutTheNetwork_cannotTellWhichKeyFollowsX() {
        assertThat(tablesOnly.modelServing()).isFalse();
        Prediction afterA = afterX(tablesOnly, "A");
        Prediction afterC = afterX(tablesOnly, "C");
        // A first-order table sees only X: the same answer after A and after C, right half the time.
        assertThat(name(afterA)).isEqualTo(name(afterC)).isIn("B", "D");
        assertThat(afterA.probability()).isBetween(0.3, 0.7);
    }

    @Test
    void trainNow_barelyTrainedCandidate_isNotSwappedInOverTheTrainedModel(@TempDir Path dir) throws Exception {
        try (var files = Files.list(trainedDir)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        // A 1 ms budget: the candidate is barely trained, the loaded model is not; scored as served,
        // the tables are the same in both, so only what the network adds can tell them apart.
        TrainerSettings starved = new TrainerSettings(3_600_000, 1, 20_000, 500, 1, 1, 1, 1.0);
        try (LstmPredictor lstm = new LstmPredictor(engine, Predictors::successorAndDelta, starved, dir, false)) {
            assertThat(lstm.modelVersion()).isEqualTo(1);
            episodes(TRAINING_EPISODES, new Random(13), 0).forEach(lstm::observe);
            assertThat(lstm.trainNow()).isFalse();
            assertThat(lstm.trainer().rejections()).isEqualTo(1);
            assertThat(lstm.trainer().failures()).isZero();
            assertThat(lstm.modelVersion()).isEqualTo(1);
        }
    }
}
