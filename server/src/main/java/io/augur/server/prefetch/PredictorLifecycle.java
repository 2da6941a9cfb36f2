package io.augur.server.prefetch;

import io.augur.predictor.model.Predictor;
import io.augur.predictor.model.lstm.LstmPredictor;
import io.augur.server.config.PrefetchSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Which predictor serves: the one the settings ask for, or the one auto-switch chose since, or
 * the fallback when the asked-for one cannot be built or fails. Owns the active predictor.
 */
final class PredictorLifecycle implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PredictorLifecycle.class);

    /** What serves when the asked-for predictor cannot be built or fails while running. */
    static final String FALLBACK = "successor+delta";

    private final PrefetchSettings settings;
    private final Function<String, Predictor> predictors;
    private volatile Predictor active;
    private volatile String activeName = "";
    /** The choice acted on last; differs from activeName after a fallback. */
    private volatile String servedRequest = "";
    /**
     * Auto-switch's choice, which overrides the configured predictor until an operator sets
     * `predictor` again (then null). Explicit state, so the configuration keeps what was set.
     */
    private volatile String autoSwitchedTo;
    /** Receives the duration (ns) of every LSTM forward pass, for this and every later LSTM predictor. */
    private volatile LongConsumer inferenceObserver = nanos -> { };

    PredictorLifecycle(PrefetchSettings settings, Function<String, Predictor> predictors) {
        this.settings = settings;
        this.predictors = predictors;
    }

    /** The predictor that should serve now: auto-switch's choice, else the configured one. */
    String requested() {
        String switched = autoSwitchedTo;
        return switched != null ? switched : settings.predictor();
    }

    /** An operator set `predictor`: their choice wins over an earlier auto-switch. */
    void configured() {
        autoSwitchedTo = null;
    }

    /** Auto-switch hands serving to {@code winner}; the predictor thread picks it up before its next batch. */
    void switchTo(String winner) {
        autoSwitchedTo = winner;
    }

    /** Replaces the active predictor when the request changed; true when it did. */
    boolean followRequest() {
        String wanted = requested();
        if (wanted.equals(servedRequest)) {
            return false;
        }
        servedRequest = wanted;
        replace(wanted);
        return true;
    }

    /** The active predictor failed: the fallback serves (until the request changes again). */
    void fallBack() {
        replace(FALLBACK);
    }

    Predictor active() { return active; }
    String activeName() { return activeName; }
    Predictor create(String name) { return predictors.apply(name); }

    void inferenceObserver(LongConsumer observer) {
        this.inferenceObserver = observer;
        if (active instanceof LstmPredictor lstm) {
            lstm.inference().observer(observer);
        }
    }

    private void replace(String name) {
        Predictor previous = active;
        Predictor next;
        try {
            next = predictors.apply(name);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("cannot create predictor '{}': {}; using {}", name, e.toString(), FALLBACK);
            next = predictors.apply(FALLBACK);
            name = FALLBACK;
        }
        if (next instanceof LstmPredictor lstm) {
            lstm.inference().observer(inferenceObserver);
        }
        active = next;
        activeName = name;
        closeQuietly(previous);
        LOG.info("predictor is now {}", name);
    }

    private static void closeQuietly(Predictor p) {
        if (p != null) {
            try {
                p.close();
            } catch (RuntimeException e) {
                LOG.debug("closing predictor failed", e);
            }
        }
    }

    @Override
    public void close() {
        closeQuietly(active);
    }
}
