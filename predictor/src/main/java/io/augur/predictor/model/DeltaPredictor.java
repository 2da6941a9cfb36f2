package io.augur.predictor.model;

import io.augur.predictor.log.AccessEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Numeric-delta predictor for keys shaped {@code <prefix><number>}: learns, per prefix, the most
 * frequent steps between one client's consecutive numbers (a scan is +1, a stride +k) and predicts
 * the key the step leads to — which works for keys never seen before.
 */
public final class DeltaPredictor implements Predictor {

    /** Prefixes whose deltas are tracked. */
    private static final int MAX_PREFIXES = 4_096;
    /** Deltas remembered per prefix. */
    private static final int DELTAS_PER_PREFIX = 4;
    /** Connections whose last numbered key is remembered. */
    private static final int MAX_CONNECTIONS = 65_536;
    /** Steps larger than this are jumps, not strides: not learned. */
    private static final long MAX_DELTA = 1_000;

    private final BoundedLru<KeyBytes, TopCounts<Long>> deltasByPrefix = new BoundedLru<>(MAX_PREFIXES);
    private final BoundedLru<Long, NumberedKey> lastByConnection = new BoundedLru<>(MAX_CONNECTIONS);

    @Override
    public String name() {
        return Predictors.DELTA;
    }

    @Override
    public void observe(AccessEvent event) {
        NumberedKey key = NumberedKey.parse(event.key());
        if (key == null) {
            return;
        }
        NumberedKey previous = lastByConnection.put(event.connectionId(), key);
        if (previous != null && previous.prefix().equals(key.prefix())) {
            long delta = key.number() - previous.number();
            if (delta != 0 && Math.abs(delta) <= MAX_DELTA) {
                deltasByPrefix.computeIfAbsent(key.prefix(), p -> new TopCounts<>(DELTAS_PER_PREFIX)).add(delta);
            }
        }
    }

    @Override
    public List<Prediction> predict(long connectionId, int k) {
        NumberedKey last = lastByConnection.get(connectionId);
        return last == null ? List.of() : stepsFrom(last, k);
    }

    @Override
    public List<Prediction> predictAfter(byte[] key, int k) {
        NumberedKey numbered = NumberedKey.parse(key);
        return numbered == null ? List.of() : stepsFrom(numbered, k);
    }

    private List<Prediction> stepsFrom(NumberedKey last, int k) {
        TopCounts<Long> deltas = deltasByPrefix.get(last.prefix());
        if (deltas == null) {
            return List.of();
        }
        List<Prediction> result = new ArrayList<>(k);
        for (TopCounts.Scored<Long> d : deltas.top(k)) {
            byte[] next = last.step(d.item());
            if (next != null) {
                result.add(new Prediction(next, d.probability(), 1, name()));
            }
        }
        return result;
    }

    @Override
    public void forgetConnection(long connectionId) {
        lastByConnection.remove(connectionId);
    }
}
