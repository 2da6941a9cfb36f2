package io.augur.predictor.model;

import io.augur.predictor.log.AccessEvent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Several predictors at once: each sees every access; predictions merge, a key's best probability wins. */
public final class CompositePredictor implements Predictor {

    private final String name;
    private final List<Predictor> parts;
    /** False for a view over parts fed elsewhere: it neither feeds, forgets for nor closes them. */
    private final boolean ownsParts;

    public CompositePredictor(String name, List<Predictor> parts) {
        this(name, parts, true);
    }

    private CompositePredictor(String name, List<Predictor> parts, boolean ownsParts) {
        this.name = name;
        this.parts = List.copyOf(parts);
        this.ownsParts = ownsParts;
    }

    /**
     * The composite of parts that are fed, forgotten for and closed by their owner, who must feed
     * each access to them before this view predicts after it: the view only merges their predictions.
     */
    public static CompositePredictor viewOver(String name, List<Predictor> shared) {
        return new CompositePredictor(name, shared, false);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void observe(AccessEvent event) {
        if (!ownsParts) {
            return;
        }
        for (Predictor p : parts) {
            p.observe(event);
        }
    }

    @Override
    public List<Prediction> predict(long connectionId, int k) {
        List<List<Prediction>> each = new ArrayList<>(parts.size());
        for (Predictor p : parts) {
            each.add(p.predict(connectionId, k));
        }
        return merge(each, k);
    }

    @Override
    public List<Prediction> predictAfter(byte[] key, int k) {
        List<List<Prediction>> each = new ArrayList<>(parts.size());
        for (Predictor p : parts) {
            each.add(p.predictAfter(key, k));
        }
        return merge(each, k);
    }

    private static List<Prediction> merge(List<List<Prediction>> each, int k) {
        Map<KeyBytes, Prediction> best = new LinkedHashMap<>();
        for (List<Prediction> predictions : each) {
            for (Prediction prediction : predictions) {
                best.merge(new KeyBytes(prediction.key()), prediction,
                        (a, b) -> a.probability() >= b.probability() ? a : b);
            }
        }
        List<Prediction> merged = new ArrayList<>(best.values());
        merged.sort(Comparator.comparingDouble(Prediction::probability).reversed());
        return merged.size() > k ? merged.subList(0, k) : merged;
    }

    /** The predictors combined, in order. */
    public List<Predictor> parts() {
        return parts;
    }

    @Override
    public void forgetConnection(long connectionId) {
        if (ownsParts) {
            parts.forEach(p -> p.forgetConnection(connectionId));
        }
    }

    @Override
    public void close() {
        if (ownsParts) {
            parts.forEach(Predictor::close);
        }
    }
}
