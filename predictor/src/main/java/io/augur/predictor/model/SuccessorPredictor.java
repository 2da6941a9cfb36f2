package io.augur.predictor.model;

import io.augur.predictor.log.AccessEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * First-order successor table: for each key, the keys most often read next by the same client.
 * Transitions come from each connection's own sequence (interleaved clients do not blur) and
 * feed one table that all connections share. Memory is bounded in keys and successors per key.
 */
public final class SuccessorPredictor implements Predictor {

    /** Keys whose successors are tracked; the least recently used is forgotten beyond this. */
    public static final int DEFAULT_MAX_KEYS = 200_000;
    /** Successors remembered per key. */
    public static final int DEFAULT_SUCCESSORS = 4;
    /** Connections whose last key is remembered. */
    private static final int MAX_CONNECTIONS = 65_536;

    private final int successorsPerKey;
    private final BoundedLru<KeyBytes, TopCounts<KeyBytes>> successors;
    private final BoundedLru<Long, KeyBytes> lastKeyByConnection = new BoundedLru<>(MAX_CONNECTIONS);

    public SuccessorPredictor() {
        this(DEFAULT_MAX_KEYS, DEFAULT_SUCCESSORS);
    }

    public SuccessorPredictor(int maxKeys, int successorsPerKey) {
        this.successorsPerKey = successorsPerKey;
        this.successors = new BoundedLru<>(maxKeys);
    }

    @Override
    public String name() {
        return Predictors.SUCCESSOR;
    }

    @Override
    public void observe(AccessEvent event) {
        KeyBytes key = new KeyBytes(event.key());
        KeyBytes previous = lastKeyByConnection.put(event.connectionId(), key);
        if (previous != null && !previous.equals(key)) {
            successors.computeIfAbsent(previous, k -> new TopCounts<>(successorsPerKey)).add(key);
        }
    }

    @Override
    public List<Prediction> predict(long connectionId, int k) {
        KeyBytes last = lastKeyByConnection.get(connectionId);
        return last == null ? List.of() : successorsOf(last, k);
    }

    @Override
    public List<Prediction> predictAfter(byte[] key, int k) {
        return successorsOf(new KeyBytes(key), k);
    }

    private List<Prediction> successorsOf(KeyBytes last, int k) {
        TopCounts<KeyBytes> next = successors.get(last);
        if (next == null) {
            return List.of();
        }
        List<Prediction> result = new ArrayList<>(k);
        for (TopCounts.Scored<KeyBytes> s : next.top(k)) {
            result.add(new Prediction(s.item().bytes(), s.probability(), 1, name()));
        }
        return result;
    }

    @Override
    public void forgetConnection(long connectionId) {
        lastKeyByConnection.remove(connectionId);
    }

    /** Keys currently tracked (bounded by maxKeys). */
    public int trackedKeys() {
        return successors.size();
    }
}
