package io.augur.server.prefetch;

import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.Prediction;
import io.augur.predictor.model.Predictor;
import io.augur.predictor.model.Predictors;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Shadows that are composites of other shadows share those shadows' tables. */
class ShadowScoringTest {

    private static AccessEvent read(long client, String key) {
        return new AccessEvent(key.getBytes(StandardCharsets.UTF_8), AccessEvent.Op.READ, true, 0, client);
    }

    private static List<String> keys(List<Prediction> predictions) {
        return predictions.stream().map(p -> new String(p.key(), StandardCharsets.UTF_8)).toList();
    }

    /** Reads of a numbered walk with a twist: the delta table learns +3, the successor table the jumps. */
    private static void feed(List<Predictor> shadows) {
        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 30; i++) {
                AccessEvent e = read(1, "item:" + (i % 10 == 9 ? 500 + i : i * 3));
                shadows.forEach(s -> s.observe(e)); // in list order, as the evaluator feeds them
            }
        }
    }

    @Test
    void aCompositeAfterItsParts_predictsAsItsOwnCopyWould_fromThePartsTables() {
        List<Predictor> shared = ShadowScoring.sharingParts(List.of(Predictors.create("successor"),
                Predictors.create("delta"), Predictors.create("successor+delta")));
        Predictor own = Predictors.create("successor+delta");
        feed(shared);
        feed(List.of(own));
        Predictor view = shared.get(2);
        assertThat(view.name()).isEqualTo("successor+delta");
        assertThat(keys(view.predict(1, 4))).isNotEmpty().isEqualTo(keys(own.predict(1, 4)));
        assertThat(keys(view.predictAfter("item:3".getBytes(StandardCharsets.UTF_8), 4)))
                .isEqualTo(keys(own.predictAfter("item:3".getBytes(StandardCharsets.UTF_8), 4)));
        // The view learned nothing itself: with its parts unfed, it would know nothing.
        List<Predictor> unfed = ShadowScoring.sharingParts(List.of(Predictors.create("successor"),
                Predictors.create("delta"), Predictors.create("successor+delta")));
        feed(List.of(unfed.get(2)));
        assertThat(unfed.get(2).predict(1, 4)).isEmpty();
    }

    @Test
    void aCompositeWithoutAllItsPartsBeforeIt_keepsItsOwnTables() {
        List<Predictor> shadows = ShadowScoring.sharingParts(List.of(Predictors.create("successor+delta"),
                Predictors.create("successor")));
        feed(List.of(shadows.get(0)));
        assertThat(shadows.get(0).predict(1, 4)).isNotEmpty();
        List<Predictor> partial = ShadowScoring.sharingParts(List.of(Predictors.create("successor"),
                Predictors.create("successor+delta")));
        feed(List.of(partial.get(1)));
        assertThat(partial.get(1).predict(1, 4)).isNotEmpty();
    }
}
