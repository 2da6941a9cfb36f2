package io.augur.server.prefetch;

import io.augur.engine.NativeEngine;
import io.augur.predictor.model.lstm.LstmPredictor;
import io.augur.predictor.train.OnlineTrainer;
import io.augur.server.info.InfoSection;
import io.augur.server.info.StatSection;
import io.augur.server.stats.Stat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * INFO's `# Predictor` section: the engine, drift, the model serving, training and inference cost,
 * declared once as {@link Stat}s that the metrics registry reads too. The LSTM's lines show only
 * while the LSTM serves; their meters read 0 meanwhile.
 */
public final class PredictorInfo implements InfoSection {

    private static final String ACCURACY = "%.3f";

    private final PrefetchRuntime service;
    /** Always shown. */
    private final List<Stat> always;
    /** Shown while the LSTM serves. */
    private final List<Stat> lstmOnly;

    public PredictorInfo(PrefetchRuntime service, PredictorCatalog catalog) {
        this.service = service;
        PrefetchStats s = service.stats();
        this.always = List.of(
                Stat.text("predictor", service::activePredictor),
                Stat.text("predictor_idle_reason", service::idleReason),
                Stat.text("engine", () -> engine(catalog, NativeEngine::engineName, "none")),
                Stat.text("engine_reason", () -> engineReason(service, catalog)),
                Stat.text("engine_version", () -> engine(catalog, NativeEngine::engineVersion, "")),
                Stat.text("engine_device", () -> engine(catalog, NativeEngine::deviceName, "")),
                Stat.text("engine_error", catalog::engineError),
                Stat.gauge("drift_reference_precision", "augur.predictor.drift.reference.precision",
                        "the active predictor's reference precision (its first window after going live)",
                        () -> service.drift().reference(), ACCURACY),
                Stat.gauge("drift_window_precision", "augur.predictor.drift.window.precision",
                        "precision of the active predictor in the last drift window",
                        () -> service.drift().lastWindow(), ACCURACY),
                Stat.text("drift_windows", () -> service.drift().windows()),
                Stat.counter("drift_alerts", "augur.predictor.drift.alerts",
                        "drift windows whose precision fell below the reference by more than drift-margin",
                        s::driftAlerts),
                Stat.counter("auto_switches", "augur.predictor.auto.switches",
                        "times auto-switch handed serving to a shadow predictor that kept winning", s::predictorSwitches),
                Stat.text("auto_switch_margin", () -> Double.toString(service.autoSwitchMargin())),
                Stat.text("model_serving", () -> lstmLong(l -> l.modelServing() ? 1 : 0)),
                Stat.gauge("model_version", "augur.model.version", "LSTM model serving (0 = baseline)",
                        () -> lstmLong(LstmPredictor::modelVersion)));
        this.lstmOnly = List.of(
                Stat.text("model_failures", () -> lstmLong(LstmPredictor::failures)),
                Stat.text("training_interval_s", () -> trainerLong(t -> t.settings().intervalMillis() / 1000)),
                Stat.text("training_window", () -> trainerLong(t -> t.settings().windowEvents())),
                Stat.text("training_min_new_events", () -> trainerLong(t -> t.settings().minNewEvents())),
                Stat.text("training_day_memory", () -> trainerLong(t -> t.settings().dayMemoryEvents())),
                Stat.text("training_last_events", () -> trainerLong(OnlineTrainer::lastRunEvents)),
                Stat.counter("training_runs", "augur.model.training.runs", "training runs",
                        () -> trainerLong(OnlineTrainer::runs)),
                Stat.counter("training_swaps", "augur.model.swaps", "trained models put into service",
                        () -> trainerLong(OnlineTrainer::swaps)),
                Stat.text("training_rejections", () -> trainerLong(OnlineTrainer::rejections)),
                Stat.text("training_failures", () -> trainerLong(OnlineTrainer::failures)),
                Stat.text("training_last_millis", () -> trainerLong(OnlineTrainer::lastTrainingMillis)),
                Stat.gauge("validation_accuracy", "augur.model.validation.accuracy",
                        "top-2 accuracy of the serving model", () -> trainerDouble(OnlineTrainer::activeAccuracy),
                        ACCURACY),
                Stat.gauge("candidate_accuracy", null, "top-2 accuracy of the last model trained",
                        () -> trainerDouble(OnlineTrainer::lastCandidateAccuracy), ACCURACY),
                Stat.gauge("baseline_accuracy", null, "top-2 accuracy of the baseline at the last training",
                        () -> trainerDouble(OnlineTrainer::lastBaselineAccuracy), ACCURACY),
                Stat.text("inference_calls", () -> lstmLong(l -> l.inference().count())),
                Stat.gauge("inference_p50_us", null, "median LSTM forward pass, microseconds",
                        () -> lstmDouble(l -> l.inference().percentileMicros(0.50)), ACCURACY),
                Stat.gauge("inference_p99_us", null, "99th percentile LSTM forward pass, microseconds",
                        () -> lstmDouble(l -> l.inference().percentileMicros(0.99)), ACCURACY));
    }

    /** Why no engine is loaded ("" while one is): the native library failed, or nothing needs it yet. */
    private static String engineReason(PrefetchRuntime service, PredictorCatalog catalog) {
        if (catalog.loadedEngine() != null) {
            return "";
        }
        if (!catalog.engineError().isEmpty()) {
            return "unavailable: " + catalog.engineError();
        }
        String idle = service.idleReason();
        if (!idle.isEmpty()) {
            return "not loaded: " + idle;
        }
        return "not loaded: only the lstm predictor uses it (predictor is " + service.requestedPredictor() + ")";
    }

    private static String engine(PredictorCatalog catalog, Function<NativeEngine, String> field, String none) {
        NativeEngine engine = catalog.loadedEngine();
        return engine == null ? none : field.apply(engine);
    }

    private LstmPredictor lstm() {
        return service.predictor() instanceof LstmPredictor l ? l : null;
    }

    private long lstmLong(ToLongFunction<LstmPredictor> f) {
        LstmPredictor l = lstm();
        return l == null ? 0 : f.applyAsLong(l);
    }

    private double lstmDouble(ToDoubleFunction<LstmPredictor> f) {
        LstmPredictor l = lstm();
        return l == null ? 0 : f.applyAsDouble(l);
    }

    private long trainerLong(ToLongFunction<OnlineTrainer> f) {
        return lstmLong(l -> f.applyAsLong(l.trainer()));
    }

    private double trainerDouble(ToDoubleFunction<OnlineTrainer> f) {
        return lstmDouble(l -> f.applyAsDouble(l.trainer()));
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
        StatSection.write(out, always);
        if (lstm() != null) {
            StatSection.write(out, lstmOnly);
        }
    }

    @Override
    public List<Stat> stats() {
        List<Stat> all = new ArrayList<>(always);
        all.addAll(lstmOnly);
        return all;
    }
}
