package io.augur.predictor.shadow;

import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.Prediction;
import io.augur.predictor.model.Predictor;
import io.augur.predictor.model.Predictors;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ShadowEvaluatorTest {

    private static AccessEvent read(long client, String key) {
        return new AccessEvent(key.getBytes(StandardCharsets.UTF_8), AccessEvent.Op.READ, true, 0, client);
    }

    private static ShadowScore scoreOf(ShadowEvaluator board, String name) {
        return board.scores().stream().filter(s -> s.predictor().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void shadows_onARepeatingLoop_scoreTheSuccessorTableNearPerfect_andTheNonePredictorZero() {
        try (ShadowEvaluator board = new ShadowEvaluator("active",
                List.of(Predictors.create("successor"), Predictors.create("none")), 4)) {
            for (int round = 0; round < 50; round++) {
                for (int i = 0; i < 20; i++) {
                    AccessEvent e = read(1, "k" + (i * 7 % 20));
                    board.settleActive(e);
                    board.observeShadows(e, 2);
                }
            }
            ShadowScore successor = scoreOf(board, "successor");
            assertThat(successor.active()).isFalse();
            assertThat(successor.reads()).isEqualTo(999); // every read but the first followed one it predicted after
            assertThat(successor.precision()).isGreaterThan(0.9);
            assertThat(successor.coverage()).isGreaterThan(0.9);
            ShadowScore none = scoreOf(board, "none");
            assertThat(none.predictions()).isZero();
            assertThat(none.coverage()).isZero();
        }
    }

    @Test
    void sampledShadows_predictAfterAShareOfTheReads_evenOnOneContext_butLearnFromAll() {
        try (ShadowEvaluator board = new ShadowEvaluator("active", List.of(Predictors.create("successor")), 4,
                null, 0.25)) {
            // One client (one shared connection) walks a loop of 20 keys 100 times: a sample of
            // contexts would hold it or not; a sample of reads scores about a quarter of its reads.
            for (int i = 0; i < 2_000; i++) {
                AccessEvent e = read(1, "k" + (i * 7 % 20));
                board.settleActive(e);
                board.observeShadows(e, 2);
            }
            ShadowScore successor = scoreOf(board, "successor");
            long sampledReads = java.util.stream.LongStream.range(0, 2_000).filter(board::sampled).count();
            assertThat(sampledReads).isBetween(400L, 600L);
            // Each read after a sampled one is scored (the last read has none after it).
            assertThat(successor.reads()).isBetween(sampledReads - 1, sampledReads);
            assertThat(successor.seen()).isEqualTo(2_000);
            // The table learned the loop from every read, so even the reads right after the first
            // sampled ones were foreseen.
            assertThat(successor.coverage()).isGreaterThan(0.95);
            assertThat(successor.precision()).isGreaterThan(0.9);
        }
    }

    @Test
    void aDrawnReadThatIsSuperseded_passesItsTurnToTheNextReadPredictedAfter() {
        try (ShadowEvaluator board = new ShadowEvaluator("active", List.of(Predictors.create("successor")), 4,
                null, 0.05)) {
            // One pipelined connection while the thread is behind: batches of 100 reads, and only each
            // batch's last read is predicted after (the rest are superseded). A draw among those last
            // reads alone would predict after 5% of them; with the turn passed on, after nearly all.
            int batches = 200;
            for (int b = 0; b < batches; b++) {
                for (int i = 0; i < 100; i++) {
                    AccessEvent e = read(1, "k" + ((b * 100 + i) * 7 % 30));
                    board.settleActive(e);
                    board.observeShadows(e, i == 99 ? 2 : 0);
                }
            }
            ShadowScore successor = scoreOf(board, "successor");
            assertThat(successor.predictions()).isGreaterThan(batches * 9L / 10);
            assertThat(successor.reads()).as("reads right after one predicted after: scored").isGreaterThan(batches * 8L / 10);
            assertThat(successor.coverage()).isGreaterThan(0.9);
        }
    }

    @Test
    void sampledShadows_stillLearnFromTheReadsTheyDoNotPredictAfter() {
        try (ShadowEvaluator board = new ShadowEvaluator("active", List.of(Predictors.create("successor")), 4,
                null, 0.05)) {
            // Two rounds of a 400-key loop: each transition is seen once before the second round,
            // mostly on reads the shadow did not predict after; the second round's predictions
            // come true only if those reads were learned from.
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < 400; i++) {
                    AccessEvent e = read(1, "k" + i);
                    board.settleActive(e);
                    board.observeShadows(e, 1);
                }
            }
            ShadowScore successor = scoreOf(board, "successor");
            assertThat(successor.predictions()).isGreaterThan(10);
            assertThat(successor.cameTrue()).isGreaterThanOrEqualTo(successor.predictions() - 1);
        }
    }

    @Test
    void aSampledPrediction_isSettledOverTheWholeHorizon_evenOnReadsThatAreNotSampled() {
        try (ShadowEvaluator board = new ShadowEvaluator("active", List.of(Predictors.create("successor")), 4,
                null, 0.25)) {
            // The successor table learns a -> b from another context (learned from, not predicted after).
            for (int i = 0; i < 5; i++) {
                board.observeShadows(read(2, "a"), 0);
                board.observeShadows(read(2, "b"), 0);
            }
            // A read number past those ten that is sampled while the three after it are not.
            long n = 10;
            while (!(board.sampled(n) && !board.sampled(n + 1) && !board.sampled(n + 2) && !board.sampled(n + 3))) {
                n++;
            }
            for (long i = 10; i < n; i++) {
                board.observeShadows(read(3, "filler"), 1); // a key with no successor: nothing predicted
            }
            // Read n predicts b after a; b comes three unsampled reads later, within the horizon of 4.
            for (String key : List.of("a", "p", "q", "b")) {
                board.observeShadows(read(1, key), 1);
            }
            ShadowScore successor = scoreOf(board, "successor");
            assertThat(successor.predictions()).isEqualTo(1);
            assertThat(successor.cameTrue()).isEqualTo(1);
        }
    }

    @Test
    void active_isScoredOnWhatItPredicted_withinTheHorizonOnly() {
        try (ShadowEvaluator board = new ShadowEvaluator("mine", List.of(), 2)) {
            // Predict "b" after "a": read two reads later -> came true; predict "z": never read.
            AccessEvent a = read(7, "a");
            board.settleActive(a);
            board.scoreActive(a, List.of(new Prediction("b".getBytes(StandardCharsets.UTF_8), 0.9),
                    new Prediction("z".getBytes(StandardCharsets.UTF_8), 0.5)), 1_000);
            AccessEvent c = read(7, "c");
            board.settleActive(c);
            board.scoreActive(c, List.of(), 0);
            AccessEvent b = read(7, "b");
            board.settleActive(b);
            board.scoreActive(b, List.of(), 0);
            board.settleActive(read(7, "z")); // too late: the horizon of 2 reads has passed
            ShadowScore mine = scoreOf(board, "mine");
            assertThat(mine.active()).isTrue();
            assertThat(mine.predictions()).isEqualTo(2);
            assertThat(mine.cameTrue()).isEqualTo(1);
            assertThat(mine.reads()).isEqualTo(3); // c, b and z followed a read it predicted after; a followed none
            assertThat(mine.precision()).isCloseTo(0.5, within(1e-9));
            assertThat(mine.coverage()).isCloseTo(1.0 / 3, within(1e-9));
        }
    }

    @Test
    void aReadNotPredictedAfter_leavesTheNextReadOutOfCoverage_forEveryPredictorAlike() {
        try (ShadowEvaluator board = new ShadowEvaluator("active", List.of(Predictors.create("successor")), 4)) {
            for (int round = 0; round < 20; round++) {
                for (int i = 0; i < 10; i++) {
                    AccessEvent e = read(1, "k" + i);
                    // Every other read is superseded (its context read again in the same batch): not predicted after.
                    boolean predictedAfter = i % 2 == 1;
                    board.settleActive(e);
                    if (predictedAfter) {
                        board.scoreActive(e, List.of(), 0);
                    }
                    board.observeShadows(e, predictedAfter ? 2 : 0);
                }
            }
            ShadowScore successor = scoreOf(board, "successor");
            // Only the reads after a predicted-after read count: half of the 200 but the very first.
            assertThat(successor.reads()).isEqualTo(99);
            assertThat(scoreOf(board, "active").reads()).isEqualTo(99);
            assertThat(successor.coverage()).isGreaterThan(0.9);
        }
    }

    @Test
    void anotherClientsRead_doesNotSettleMyPredictions() {
        try (ShadowEvaluator board = new ShadowEvaluator("mine", List.of(), 3)) {
            AccessEvent a = read(1, "a");
            board.settleActive(a);
            board.scoreActive(a, List.of(new Prediction("b".getBytes(StandardCharsets.UTF_8), 0.9)), 0);
            board.settleActive(read(2, "b"));
            assertThat(scoreOf(board, "mine").cameTrue()).isZero();
            board.settleActive(read(1, "b"));
            assertThat(scoreOf(board, "mine").cameTrue()).isEqualTo(1);
        }
    }

    @Test
    void closingTheEvaluator_closesItsShadowPredictors() {
        boolean[] closed = {false};
        Predictor tracked = new Predictor() {
            @Override public String name() { return "tracked"; }
            @Override public void observe(AccessEvent event) { }
            @Override public List<Prediction> predict(long connectionId, int k) { return List.of(); }
            @Override public void close() { closed[0] = true; }
        };
        new ShadowEvaluator("x", List.of(tracked), 1).close();
        assertThat(closed[0]).isTrue();
    }
}
