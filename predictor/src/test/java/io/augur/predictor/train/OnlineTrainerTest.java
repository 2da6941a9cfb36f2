package io.augur.predictor.train;

import io.augur.engine.EngineSettings;
import io.augur.engine.NativeEngine;
import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.Predictors;
import io.augur.predictor.model.lstm.LstmPredictor;
import io.augur.predictor.model.network.LstmModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** The trainer's guard rails: failures are counted, never thrown; nothing to learn is no swap. */
// A safety net against a hung engine, not a performance bound: training ends by epochs, never by the clock.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class OnlineTrainerTest {

    /** A training budget no run reaches, so a loaded machine trains as many epochs as an idle one. */
    private static final long UNREACHED_BUDGET_MILLIS = TimeUnit.HOURS.toMillis(1);

    static NativeEngine engine;

    @BeforeAll
    static void loadEngine() throws Exception {
        engine = NativeEngine.load(EngineSettings.of("cpu"));
    }

    private static TrainerSettings settings() {
        return new TrainerSettings(3_600_000, 1, 10_000, 100, 1, UNREACHED_BUDGET_MILLIS, 2);
    }

    /** The predictor as served over a model, the way the lstm predictor hands it to its trainer. */
    private static BatchedPredictor served(LstmModel model) {
        return LstmPredictor.servingOver(Predictors.successorAndDelta(), model);
    }

    private static OnlineTrainer trainer(List<AccessEvent> window, AtomicReference<LstmModel> offered) {
        return new OnlineTrainer(engine, settings(), () -> window, window::size, OnlineTrainerTest::served,
                () -> null, offered::set, null);
    }

    @Test
    void runOnce_windowFailsToRead_countsAFailureAndDoesNotThrow() {
        AtomicReference<LstmModel> offered = new AtomicReference<>();
        OnlineTrainer trainer = new OnlineTrainer(engine, settings(), () -> {
            throw new IllegalStateException("window unreadable");
        }, () -> 1, OnlineTrainerTest::served, () -> null, offered::set, null);
        assertThat(trainer.runOnce()).isFalse();
        assertThat(trainer.failures()).isEqualTo(1);
        assertThat(trainer.runs()).isEqualTo(1);
        assertThat(trainer.swaps()).isZero();
        assertThat(offered.get()).isNull();
    }

    @Test
    void runOnce_keysReadOnceEach_rejectsWithoutOffering() {
        List<AccessEvent> window = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            window.add(new AccessEvent(("once-" + i + "-z").getBytes(StandardCharsets.UTF_8), AccessEvent.Op.READ,
                    false, i, 1));
        }
        AtomicReference<LstmModel> offered = new AtomicReference<>();
        OnlineTrainer trainer = trainer(window, offered);
        assertThat(trainer.runOnce()).isFalse();
        assertThat(trainer.rejections()).isEqualTo(1);
        assertThat(trainer.failures()).isZero();
        assertThat(trainer.modelVersion()).isZero();
        assertThat(offered.get()).isNull();
    }

    @Test
    void runOnce_strideWithNoRunningModel_swapsWhenItTiesTheBaseline() {
        List<AccessEvent> window = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            window.add(new AccessEvent(("page:" + (i % 300)).getBytes(StandardCharsets.UTF_8), AccessEvent.Op.READ,
                    false, i, 1));
        }
        AtomicReference<LstmModel> offered = new AtomicReference<>();
        OnlineTrainer trainer = trainer(window, offered);
        // page:N is followed by page:N+1: one delta token, learned in a few steps; the delta baseline is exact too.
        assertThat(trainer.runOnce()).isTrue();
        assertThat(trainer.lastCandidateAccuracy()).isGreaterThanOrEqualTo(trainer.lastBaselineAccuracy());
        assertThat(trainer.swaps()).isEqualTo(1);
        assertThat(trainer.modelVersion()).isEqualTo(1);
        assertThat(offered.get()).isNotNull();
        offered.get().close();
    }
}
