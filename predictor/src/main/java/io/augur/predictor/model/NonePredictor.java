package io.augur.predictor.model;

import io.augur.predictor.log.AccessEvent;

import java.util.List;

/** Predicts nothing: the reference row, and the way to switch prefetching off per predictor. */
public final class NonePredictor implements Predictor {

    @Override
    public String name() {
        return Predictors.NONE;
    }

    @Override
    public void observe(AccessEvent event) {
    }

    @Override
    public List<Prediction> predict(long connectionId, int k) {
        return List.of();
    }
}
