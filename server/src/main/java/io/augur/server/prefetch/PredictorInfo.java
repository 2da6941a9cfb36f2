package io.augur.server.prefetch;

import io.augur.engine.NativeEngine;
import io.augur.predictor.model.Predictor;
import io.augur.predictor.model.lstm.LstmPredictor;
import io.augur.predictor.train.OnlineTrainer;
import io.augur.server.info.InfoSection;

import java.util.Locale;

/** INFO's `# Predictor` section: the engine, the model serving, training and inference cost. */
public final class PredictorInfo implements InfoSection {

    private final PrefetchRuntime service;
    private final PredictorCatalog catalog;

    public PredictorInfo(PrefetchRuntime service, PredictorCatalog catalog) {
        this.service = service;
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "predictor";
    }

    @Override
    public String title() {
        return "Predictor";
    }

    @Override
    public void write(StringBuilder out) {
        NativeEngine engine = catalog.loadedEngine();
        InfoSection.line(out, "predictor", service.activePredictor());
        InfoSection.line(out, "engine", engine == null ? "none" : engine.engineName());
        InfoSection.line(out, "engine_version", engine == null ? "" : engine.engineVersion());
        InfoSection.line(out, "engine_device", engine == null ? "" : engine.deviceName());
        InfoSection.line(out, "engine_error", catalog.engineError());
        var drift = service.drift();
        InfoSection.line(out, "drift_reference_precision", fmt(drift.reference()));
        InfoSection.line(out, "drift_window_precision", fmt(drift.lastWindow()));
        InfoSection.line(out, "drift_windows", drift.windows());
        InfoSection.line(out, "drift_alerts", service.stats().driftAlerts());
        InfoSection.line(out, "auto_switches", service.stats().predictorSwitches());
        Predictor p = service.predictor();
        if (p instanceof LstmPredictor lstm) {
            OnlineTrainer t = lstm.trainer();
            InfoSection.line(out, "model_serving", lstm.modelServing() ? 1 : 0);
            InfoSection.line(out, "model_version", lstm.modelVersion());
            InfoSection.line(out, "model_failures", lstm.failures());
            InfoSection.line(out, "training_interval_s", t.settings().intervalMillis() / 1000);
            InfoSection.line(out, "training_window", t.settings().windowEvents());
            InfoSection.line(out, "training_min_new_events", t.settings().minNewEvents());
            InfoSection.line(out, "training_day_memory", t.settings().dayMemoryEvents());
            InfoSection.line(out, "training_last_events", t.lastRunEvents());
            InfoSection.line(out, "training_runs", t.runs());
            InfoSection.line(out, "training_swaps", t.swaps());
            InfoSection.line(out, "training_rejections", t.rejections());
            InfoSection.line(out, "training_failures", t.failures());
            InfoSection.line(out, "training_last_millis", t.lastTrainingMillis());
            InfoSection.line(out, "validation_accuracy", fmt(t.activeAccuracy()));
            InfoSection.line(out, "candidate_accuracy", fmt(t.lastCandidateAccuracy()));
            InfoSection.line(out, "baseline_accuracy", fmt(t.lastBaselineAccuracy()));
            InfoSection.line(out, "inference_calls", lstm.inference().count());
            InfoSection.line(out, "inference_p50_us", fmt(lstm.inference().percentileMicros(0.50)));
            InfoSection.line(out, "inference_p99_us", fmt(lstm.inference().percentileMicros(0.99)));
        } else {
            InfoSection.line(out, "model_serving", 0);
            InfoSection.line(out, "model_version", 0);
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
