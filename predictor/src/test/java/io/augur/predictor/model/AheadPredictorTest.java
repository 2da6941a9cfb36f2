package io.augur.predictor.model;

import io.augur.predictor.log.AccessEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The lookahead table: after a key, the keys its client read 8 to 16 reads later. */
class AheadPredictorTest {

    private static AccessEvent read(long client, String key) {
        return new AccessEvent(key.getBytes(StandardCharsets.UTF_8), AccessEvent.Op.READ, true, 0, client);
    }

    private static List<String> keys(List<Prediction> predictions) {
        return predictions.stream().map(p -> new String(p.key(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void afterAKey_predictsWhatItsClientReadEightToSixteenReadsLater_atDepthEight() {
        AheadPredictor ahead = new AheadPredictor();
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 40; i++) {
                ahead.observe(read(1, "k" + i));
            }
        }
        ahead.observe(read(2, "k0"));
        List<Prediction> predicted = ahead.predict(2, 9);
        // k0 was followed by k1..k39: k8..k16 fall in the window, k1..k7 are too near, k17 on too far.
        assertThat(keys(predicted)).containsExactlyInAnyOrder("k8", "k9", "k10", "k11", "k12", "k13", "k14", "k15", "k16");
        assertThat(predicted).allSatisfy(p -> assertThat(p.depth()).isEqualTo(8));
    }

    @Test
    void aKeyReadTwiceInTheWindow_learnsWhatFollowsOnce_andAClientsReadsNeverTeachAnother() {
        AheadPredictor ahead = new AheadPredictor();
        // Client 1: a, then a again 3 reads later, then 12 fillers, then z: z is 16 and 13 reads after the two a's.
        ahead.observe(read(1, "a"));
        for (String k : List.of("f1", "f2", "a")) {
            ahead.observe(read(1, k));
        }
        for (int i = 3; i < 15; i++) {
            ahead.observe(read(1, "f" + i));
        }
        ahead.observe(read(1, "z"));
        // Client 2 reads only "a": nothing 8+ reads after it, on its own sequence.
        ahead.observe(read(2, "a"));
        List<Prediction> afterA = ahead.predict(2, 16);
        assertThat(keys(afterA)).contains("z");
        assertThat(afterA.get(keys(afterA).indexOf("z")).probability())
                .isEqualTo(afterA.get(keys(afterA).indexOf("f8")).probability()); // z counted once for a, as f8 is
        ahead.forgetConnection(2);
        assertThat(ahead.predict(2, 4)).isEmpty();
    }

    @Test
    void twoEarlierKeysWithTheSameHash_eachLearnWhatFollows() {
        // "Aa" and "BB" hash alike (Arrays.hashCode of their bytes): the ring compares hashes first,
        // and must still see two distinct keys, not one read twice.
        assertThat(new KeyBytes("Aa".getBytes(StandardCharsets.UTF_8)).hashCode())
                .isEqualTo(new KeyBytes("BB".getBytes(StandardCharsets.UTF_8)).hashCode());
        AheadPredictor ahead = new AheadPredictor();
        for (String k : List.of("BB", "Aa", "f1", "f2", "f3", "f4", "f5", "f6", "f7", "z")) {
            ahead.observe(read(1, k)); // f7 is 8 reads after BB; z is 9 after BB and 8 after Aa
        }
        ahead.observe(read(2, "BB"));
        assertThat(keys(ahead.predict(2, 4))).containsExactlyInAnyOrder("f7", "z");
        ahead.observe(read(3, "Aa"));
        assertThat(keys(ahead.predict(3, 4))).containsExactly("z");
    }
}
