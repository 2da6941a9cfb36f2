package io.augur.server.prefetch;

import io.augur.engine.EngineSettings;
import io.augur.engine.EngineUnavailableException;
import io.augur.engine.NativeEngine;
import io.augur.predictor.model.Predictor;
import io.augur.predictor.model.Predictors;
import io.augur.predictor.model.lstm.LstmPredictor;
import io.augur.server.config.ModelSettings;
import io.augur.server.config.ServerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the predictor a `--predictor` name asks for. The LSTM needs the native engine, loaded
 * once, on first use, on the predictor thread, so serving never waits for it; if it cannot load,
 * the LSTM is unavailable and the baseline serves (INFO says why).
 */
public final class PredictorCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(PredictorCatalog.class);

    /** The server's LSTM learns online from live reads (replays may pass a model trained beforehand). */
    private static final boolean TRAIN_ONLINE = true;

    private final ServerConfig config;
    private volatile NativeEngine engine;
    private volatile String engineError = "";

    public PredictorCatalog(ServerConfig config) {
        this.config = config;
    }

    /**
     * Checks at start-up what must fail start-up: a GPU asked for and not present. The engine then
     * stays loaded for the LSTM.
     */
    public void requireAskedDevice() throws EngineUnavailableException {
        String device = config.model().device();
        if (device.startsWith("gpu")) {
            engine = NativeEngine.load(engineSettings());
        }
    }

    public Predictor create(String name) {
        if (!name.equals("lstm")) {
            return Predictors.create(name);
        }
        NativeEngine loaded = engine();
        if (loaded == null) {
            throw new IllegalStateException("LSTM unavailable: " + engineError);
        }
        ModelSettings model = config.model();
        return new LstmPredictor(loaded, model.hourlyTable() ? Predictors::lstmTables : Predictors::successorAndDelta,
                model.trainer(), config.dir().resolve("model"), TRAIN_ONLINE);
    }

    private synchronized NativeEngine engine() {
        if (engine == null && engineError.isEmpty()) {
            try {
                engine = NativeEngine.load(engineSettings());
            } catch (EngineUnavailableException | RuntimeException | LinkageError e) {
                engineError = e.getMessage() == null ? e.toString() : e.getMessage();
                LOG.warn("native engine unavailable, prefetch uses the baseline: {}", engineError);
            }
        }
        return engine;
    }

    private EngineSettings engineSettings() {
        return config.model().engine();
    }

    /** The engine, when loaded (for INFO). */
    public NativeEngine loadedEngine() {
        return engine;
    }

    /** Why the engine is unavailable, or empty. */
    public String engineError() {
        return engineError;
    }
}
