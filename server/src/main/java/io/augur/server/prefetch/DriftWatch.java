package io.augur.server.prefetch;

import io.augur.predictor.model.Predictor;
import io.augur.predictor.model.lstm.LstmPredictor;
import io.augur.predictor.shadow.DriftMonitor;
import io.augur.server.config.ExperimentSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;

/**
 * Drift and retraining: the active predictor's live precision against its reference; a window
 * well below it is counted, logged and, for the LSTM, answered with a retraining at once.
 */
final class DriftWatch {

    private static final Logger LOG = LoggerFactory.getLogger(DriftWatch.class);

    private final ExperimentSettings settings;
    private final PrefetchStats stats;
    private volatile DriftMonitor monitor = new DriftMonitor(1, 1);
    private long modelVersion;

    DriftWatch(ExperimentSettings settings, PrefetchStats stats) {
        this.settings = settings;
        this.stats = stats;
    }

    /** A new active predictor: a fresh monitor with the current window and margin. */
    DriftMonitor restart() {
        monitor = new DriftMonitor(settings.driftWindow(), settings.driftMargin());
        return monitor;
    }

    DriftMonitor monitor() {
        return monitor;
    }

    /** After each batch: a new model is a new reference; an alert is counted and answered. */
    void check(Predictor active, String activeName) {
        DriftMonitor drift = monitor;
        long version = active instanceof LstmPredictor lstm ? lstm.modelVersion() : 0;
        if (version != modelVersion) {
            modelVersion = version;
            drift.rebase();
        }
        if (drift.takeAlert()) {
            stats.driftAlerts.increment();
            LOG.warn("prediction drift: predictor {} precision {} in the last {} predictions, below its reference {} "
                            + "by more than {}{}", activeName, String.format(Locale.ROOT, "%.3f", drift.lastWindow()),
                    drift.windowPredictions(), String.format(Locale.ROOT, "%.3f", drift.reference()),
                    drift.margin(), active instanceof LstmPredictor ? "; retraining" : "");
            if (active instanceof LstmPredictor lstm) {
                lstm.trainer().requestRetraining();
            }
        }
    }
}
