package io.augur.predictor.model;

import io.augur.predictor.log.AccessEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cheap tables: successor and numeric delta. */
class BaselinePredictorsTest {

    private static AccessEvent read(String key, long connection) {
        return new AccessEvent(key.getBytes(StandardCharsets.UTF_8), AccessEvent.Op.READ, false, 0, connection);
    }

    private static String first(List<Prediction> p) {
        return p.isEmpty() ? null : new String(p.get(0).key(), StandardCharsets.UTF_8);
    }

    @Test
    void successor_learnsARepeatingSequence() {
        SuccessorPredictor p = new SuccessorPredictor();
        for (int round = 0; round < 5; round++) {
            for (String k : new String[]{"A", "B", "C", "D"}) {
                p.observe(read(k, 1));
            }
        }
        p.observe(read("A", 1));
        List<Prediction> next = p.predict(1, 2);
        assertThat(first(next)).isEqualTo("B");
        assertThat(next.get(0).probability()).isGreaterThan(0.9);
    }

    @Test
    void successor_interleavedConnections_areNotBlurred() {
        SuccessorPredictor p = new SuccessorPredictor();
        for (int round = 0; round < 10; round++) {
            p.observe(read("a1", 1));
            p.observe(read("b1", 2));
            p.observe(read("a2", 1));
            p.observe(read("b2", 2));
        }
        p.observe(read("a1", 1));
        p.observe(read("b1", 2));
        assertThat(first(p.predict(1, 1))).isEqualTo("a2");
        assertThat(first(p.predict(2, 1))).isEqualTo("b2");
    }

    @Test
    void forgetConnection_dropsThatClientsContext_only() {
        SuccessorPredictor p = new SuccessorPredictor();
        for (int round = 0; round < 3; round++) {
            p.observe(read("x", 1));
            p.observe(read("y", 1));
            p.observe(read("x", 2));
        }
        p.forgetConnection(1);
        assertThat(p.predict(1, 1)).isEmpty();
        assertThat(first(p.predict(2, 1))).isEqualTo("y");
    }

    @Test
    void successor_memoryBound_holdsAfterAMillionDistinctKeys() {
        SuccessorPredictor p = new SuccessorPredictor(10_000, 4);
        for (int i = 0; i < 1_000_000; i++) {
            p.observe(read("key" + i, 1));
        }
        assertThat(p.trackedKeys()).isLessThanOrEqualTo(10_000);
    }

    @Test
    void delta_predictsTheNextIdOfAStride() {
        DeltaPredictor p = new DeltaPredictor();
        for (int i = 100; i < 120; i += 3) {
            p.observe(read("user:" + i, 1));
        }
        assertThat(first(p.predict(1, 1))).isEqualTo("user:121");
    }

    @Test
    void delta_keepsZeroPadding() {
        DeltaPredictor p = new DeltaPredictor();
        for (int i = 90; i < 100; i++) {
            p.observe(read(String.format("user:%04d", i), 1));
        }
        assertThat(first(p.predict(1, 1))).isEqualTo("user:0100");
    }

    @Test
    void predictors_unknownName_listsTheValidOnes() {
        assertThat(Predictors.create("successor+delta").name()).isEqualTo("successor+delta");
        assertThatThrownBy(() -> Predictors.create("magic")).hasMessageContaining("successor, delta");
    }

    @Test
    void ahead_namesKeysReadEightToSixteenReadsLater_notTheNextOne() {
        AheadPredictor ahead = new AheadPredictor();
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 40; i++) {
                ahead.observe(read("page:" + (i * 13 % 40), 1));
            }
        }
        // The client has just read the cycle's 40th key; the cycle starts again with i = 0.
        List<Prediction> predicted = ahead.predict(1, 20);
        List<String> keys = predicted.stream().map(p -> new String(p.key())).toList();
        for (int i = 7; i <= 15; i++) { // 8..16 reads after the last one
            assertThat(keys).contains("page:" + (i * 13 % 40));
        }
        assertThat(keys).doesNotContain("page:0"); // the very next read is the successor table's job
        assertThat(predicted).allSatisfy(p -> {
            assertThat(p.depth()).isEqualTo(AheadPredictor.NEAR);
            assertThat(p.probability()).isGreaterThan(0.9);
        });
        ahead.forgetConnection(1);
        assertThat(ahead.predict(1, 2)).isEmpty();
    }
}
