package io.augur.server.prefetch;

import io.augur.predictor.model.Predictor;
import io.augur.predictor.model.Predictors;
import io.augur.server.config.ServerConfig;

/** Builds the predictor a `--predictor` name asks for: the baselines, or the LSTM with its fallback. */
public final class PredictorCatalog {

    private final ServerConfig config;

    public PredictorCatalog(ServerConfig config) {
        this.config = config;
    }

    public Predictor create(String name) {
        return Predictors.create(name);
    }
}
