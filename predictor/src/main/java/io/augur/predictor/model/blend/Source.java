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

    /**
     * Whether the keys come from every client's reads rather than this context's own (the
     * interleaved table). Such a source speaks only where it is surer than the context's own
     * sources (a clean per-user context needs nothing from it, and its extra keys cost cache room
     * there), and its scores are taken as they are: they are its own observed chances of a read
     * within the whole server's next reads, which the blend's per-context outcomes would score wrong.
     */
    default boolean acrossClients() {
        return false;
    }

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
        return table(name, table, false);
    }

    /** A table predictor that learns across clients (see {@link #acrossClients()}). */
    static Source acrossClients(Predictor table) {
        return table(table.name(), table, true);
    }

    private static Source table(String name, Predictor table, boolean acrossClients) {
        return new Source() {
            @Override
            public boolean acrossClients() {
                return acrossClients;
            }

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
