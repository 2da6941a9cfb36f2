package io.augur.predictor.model;

import io.augur.predictor.log.AccessEvent;

import java.util.List;

/**
 * Learns from the access sequence and names the keys likely to be read next.
 * The server, the replay evaluator and the benchmarks use the same implementations.
 * Implementations are driven by one thread (the predictor thread) and need not be thread-safe.
 */
public interface Predictor extends AutoCloseable {

    /** Short name as used by `--predictor` and in INFO (`none`, `successor`, `delta`, `lstm`). */
    String name();

    /** Feeds one access, in the order the server saw them. */
    void observe(AccessEvent event);

    /**
     * The up to {@code k} keys most likely to be read next by the client {@code connectionId}
     * (after its latest observed access), best first. Never null; empty when unsure.
     */
    List<Prediction> predict(long connectionId, int k);

    /**
     * The up to {@code k} keys most likely read right after {@code key}, by any client, best first:
     * what rolling a prediction forward needs. Empty when the predictor cannot say (the default).
     */
    default List<Prediction> predictAfter(byte[] key, int k) {
        return List.of();
    }

    /**
     * The keys likely read soon because {@code key} was just read on {@code connectionId}, whoever
     * reads them: predictions that still hold when the context has read again since (a read the
     * predictor thread reaches late, after its context's next read), as a table learned across
     * clients makes them. Empty by default: a context's own sequence is past by then.
     */
    default List<Prediction> predictByKey(long connectionId, byte[] key, int k) {
        return List.of();
    }

    /**
     * These accesses are about to be observed and predicted after, in this order: a predictor
     * whose answers cost a fixed price per call (a forward pass) may compute them together now,
     * so the predict calls that follow are lookups. Does nothing by default.
     */
    default void prepare(List<AccessEvent> batch, int k) {
    }


    /** Forgets a closed connection's per-client state. */
    default void forgetConnection(long connectionId) {
    }

    @Override
    default void close() {
    }
}
