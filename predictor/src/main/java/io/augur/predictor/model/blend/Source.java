package io.augur.predictor.model.blend;

import io.augur.predictor.model.Prediction;
import io.augur.predictor.model.Predictor;

import java.util.List;

/**
 * One named proposer of keys inside a {@link Blend}: a table, the network, the lookahead table.
 * Its scores are raw; the blend calibrates each source on its own outcomes.
 */
public interface Source {

    /** The source of the LSTM network's proposals. */
    String NETWORK = "network";
    /** The source of keys rolled forward from the best next key (see {@link Blend}). */
    String CHAIN = "chain";
    /** The source of the lookahead table's keys (read 8-16 reads later). */
    String LOOKAHEAD = "lookahead";

    /** The name each of its predictions carries, unique within a blend. */
    String name();

    /** Up to about {@code k} keys the client may read next, with raw scores, best first. */
    List<Prediction> propose(long connectionId, int k);

    /** Up to {@code k} keys read right after {@code key} by any client; empty when it cannot say. */
    default List<Prediction> proposeAfter(byte[] key, int k) {
        return List.of();
    }

    /** A table predictor as a source named as the predictor is ({@code successor}, {@code delta}, ...). */
    static Source table(Predictor table) {
        return table(table.name(), table);
    }

    /** A table predictor as a source with the given name. */
    static Source table(String name, Predictor table) {
        return new Source() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<Prediction> propose(long connectionId, int k) {
                return table.predict(connectionId, k);
            }

            @Override
            public List<Prediction> proposeAfter(byte[] key, int k) {
                return table.predictAfter(key, k);
            }
        };
    }
}
