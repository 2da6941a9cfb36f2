package io.augur.predictor.model.blend;

import io.augur.predictor.model.Prediction;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The blend ranks sources by how often they came true, rolls the best key forward and names each key's source. */
class BlendTest {

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String str(byte[] k) {
        return new String(k, StandardCharsets.UTF_8);
    }

    /** A source that always proposes the same key with the same raw score, and a fixed successor table. */
    private static Source fixed(String name, String proposed, double raw, Map<String, String> after) {
        return new Source() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<Prediction> propose(long connectionId, int k) {
                return List.of(new Prediction(key(proposed), raw));
            }

            @Override
            public List<Prediction> proposeAfter(byte[] k, int n) {
                String next = after.get(str(k));
                return next == null ? List.of() : List.of(new Prediction(key(next), 1.0));
            }
        };
    }

    @Test
    void predict_sourceThatComesTrue_outranksOneWithAHigherRawScoreThatNeverDoes() {
        Blend blend = new Blend(List.of(fixed("liar", "wrong", 0.95, Map.of()), fixed("honest", "right", 0.55, Map.of())),
                List.of());
        for (int i = 0; i < 2_000; i++) {
            blend.predict(1, 2);
            blend.read(1, key("right"));
        }

        List<Prediction> predicted = blend.predict(1, 1);

        assertThat(str(predicted.get(0).key())).isEqualTo("right");
        assertThat(predicted.get(0).source()).isEqualTo("honest");
        assertThat(predicted.get(0).depth()).isEqualTo(1);
    }

    @Test
    void predict_confidentSuccessors_rollForwardAsAChain_thenTheLookaheadKeys() {
        Source table = fixed("table", "b", 0.95, Map.of("b", "c", "c", "d"));
        Blend blend = new Blend(List.of(table), fixed(Source.LOOKAHEAD, "z", 0.9, Map.of()));

        List<Prediction> predicted = blend.predict(1, 1);

        assertThat(predicted).extracting(p -> str(p.key())).containsExactly("b", "c", "d", "z");
        assertThat(predicted).extracting(Prediction::source).containsExactly("table", Source.CHAIN, Source.CHAIN,
                Source.LOOKAHEAD);
        assertThat(predicted).extracting(Prediction::depth).containsExactly(1, 2, 3, 1);
    }

    /** A source learned across clients (like the interleaved table) proposing one key at a fixed chance. */
    private static Source acrossClients(String proposed, double chance) {
        Source inner = fixed("across", proposed, chance, Map.of());
        return new Source() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public List<Prediction> propose(long connectionId, int k) {
                return inner.propose(connectionId, k);
            }

            @Override
            public boolean acrossClients() {
                return true;
            }
        };
    }

    @Test
    void predict_aSourceAcrossClients_speaksWhereTheContextsOwnSourcesFail_withItsChanceAsItIs() {
        // The context's own table keeps naming "own", which its reads never bring: its record falls
        // (one outcome per 32 reads, as a key stays expected until its horizon ends).
        Blend blend = new Blend(List.of(fixed("table", "own", 0.95, Map.of()), acrossClients("other", 0.6)), List.of());
        assertThat(blend.wantsAcrossClients(1)).as("nothing known of the context yet").isFalse();
        for (int i = 0; i < 2_000; i++) {
            blend.predict(1, 2);
            blend.read(1, key("filler" + i));
        }

        List<Prediction> predicted = blend.predict(1, 2);

        assertThat(blend.wantsAcrossClients(1)).isTrue();
        assertThat(predicted).extracting(p -> str(p.key())).contains("other");
        Prediction other = predicted.stream().filter(p -> str(p.key()).equals("other")).findFirst().orElseThrow();
        assertThat(other.source()).isEqualTo("across");
        assertThat(other.probability()).isEqualTo(0.6);
    }

    @Test
    void predict_aSourceAcrossClients_staysSilentWhereTheContextsOwnSourcesComeTrue() {
        Blend blend = new Blend(List.of(fixed("table", "own", 0.95, Map.of()), acrossClients("other", 0.6)), List.of());
        for (int i = 0; i < 2_000; i++) {
            blend.predict(1, 2);
            blend.read(1, key("own"));
        }

        assertThat(blend.wantsAcrossClients(1)).isFalse();
        assertThat(blend.predict(1, 2)).extracting(p -> str(p.key())).containsExactly("own");
    }

    @Test
    void constructor_twoSourcesWithOneName_isRefused() {
        assertThatThrownBy(() -> new Blend(List.of(fixed("t", "a", 1, Map.of()), fixed("t", "b", 1, Map.of())), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
