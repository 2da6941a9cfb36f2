package io.augur.predictor.train;

import io.augur.engine.NativeEngine;
import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.network.LstmModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Retrains the LSTM in the background on the recent window of accesses, validates the candidate
 * as it would serve on the newest slice against the running model and the tables alone, and
 * offers it only if it wins.
 */
public final class OnlineTrainer implements AutoCloseable {

    /*
     * One predictor, one score: the candidate, the running model and no model at all are each
     * scored as they would serve, a fresh serving blend over the model (tables, calibration,
     * chain, the network's heads, lookahead), with the same score (Accuracy.ofServing) on the same
     * validation slice. The candidate must beat the running model and do at least as well as the
     * blend with no network (the tables alone, what serves without a model).
     * A worse or failing candidate is dropped and counted: the running model (or, with none, the
     * baseline) keeps serving. The thread runs at minimum priority so Netty keeps its cores.
     */

    private static final Logger LOG = LoggerFactory.getLogger(OnlineTrainer.class);
    /** Share of the window held out to validate a candidate. */
    private static final double VALIDATION_SHARE = 0.1;

    private final NativeEngine engine;
    private final TrainerSettings settings;
    private final Supplier<List<AccessEvent>> window;
    private final LongSupplier eventsSeen;
    /** The predictor as it serves over a model (null: without a network). */
    private final Function<LstmModel, BatchedPredictor> serving;
    private final Supplier<LstmModel> current;
    private final Consumer<LstmModel> offer;
    private final Path modelDir;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long eventsAtLastRun;
    private volatile boolean retrainAsked;

    private final AtomicLong runs = new AtomicLong();
    private final AtomicLong swaps = new AtomicLong();
    private final AtomicLong rejections = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    // NaN until a run measured them (a model served): INFO and the metrics show no number, not 0%.
    private volatile double lastCandidateAccuracy = Double.NaN;
    private volatile double lastBaselineAccuracy = Double.NaN;
    private volatile double activeAccuracy = Double.NaN;
    private volatile long lastTrainingMillis;
    /** Accesses the last run trained and validated on: the window plus the day memory's hours. */
    private volatile int lastRunEvents;
    private volatile long modelVersion;

    public OnlineTrainer(NativeEngine engine, TrainerSettings settings, Supplier<List<AccessEvent>> window,
                         LongSupplier eventsSeen, Function<LstmModel, BatchedPredictor> serving,
                         Supplier<LstmModel> current, Consumer<LstmModel> offer, Path modelDir) {
        this.engine = engine;
        this.settings = settings;
        this.window = window;
        this.eventsSeen = eventsSeen;
        this.serving = serving;
        this.current = current;
        this.offer = offer;
        this.modelDir = modelDir;
        this.thread = new Thread(this::loop, "augur-trainer");
        this.thread.setDaemon(true);
        this.thread.setPriority(Thread.MIN_PRIORITY);
    }

    public void start() {
        thread.start();
    }

    /** Trains at the next check even without minNewEvents new accesses (drift was detected). */
    public void requestRetraining() {
        retrainAsked = true;
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(settings.intervalMillis());
            } catch (InterruptedException e) {
                return;
            }
            if (retrainAsked || eventsSeen.getAsLong() - eventsAtLastRun >= settings.minNewEvents()) {
                retrainAsked = false;
                runOnce();
            }
        }
    }

    /** One training run; never throws (failures are counted and logged). Returns whether the candidate was offered. */
    public synchronized boolean runOnce() {
        eventsAtLastRun = eventsSeen.getAsLong();
        runs.incrementAndGet();
        LstmModel candidate = null;
        LstmModel incumbent = retainLatest();
        try {
            List<AccessEvent> events = window.get();
            lastRunEvents = events.size();
            int split = (int) (events.size() * (1 - VALIDATION_SHARE));
            List<AccessEvent> train = events.subList(0, split);
            List<AccessEvent> validation = events.subList(split, events.size());
            long start = System.currentTimeMillis();
            LstmTraining.Result result = LstmTraining.train(engine, train, settings.vocabularyKeys(),
                    settings.epochs(), settings.budgetMillis(), incumbent == null ? 1 : incumbent.version() + 1,
                    eventsAtLastRun, settings.dutyCycle());
            lastTrainingMillis = System.currentTimeMillis() - start;
            if (result == null) {
                rejections.incrementAndGet();
                return false;
            }
            candidate = result.model();
            double candidateAccuracy = score(candidate, train, validation);
            double runningAccuracy = incumbent == null ? 0 : score(incumbent, train, validation);
            double baselineAccuracy = score(null, train, validation);
            lastCandidateAccuracy = candidateAccuracy;
            lastBaselineAccuracy = baselineAccuracy;
            boolean better = candidateAccuracy > runningAccuracy && candidateAccuracy >= baselineAccuracy;
            LOG.info("training run {}: {} samples, {} steps, loss {} (ahead {}), top-{} served precision candidate {} vs "
                            + "running {} vs tables alone {} -> {}", runs.get(), result.samples(), result.steps(),
                    result.lastLoss(), result.lastAheadLoss(),
                    settings.topK(), fmt(candidateAccuracy), fmt(runningAccuracy), fmt(baselineAccuracy),
                    better ? "swap" : "keep");
            if (!better) {
                rejections.incrementAndGet();
                candidate.close();
                return false;
            }
            if (!running) {
                candidate.close(); // closed while training: nobody would install or free it
                return false;
            }
            if (modelDir != null) {
                candidate.save(modelDir);
            }
            activeAccuracy = candidateAccuracy;
            modelVersion = candidate.version();
            swaps.incrementAndGet();
            offer.accept(candidate);
            return true;
        } catch (Exception | LinkageError e) {
            failures.incrementAndGet();
            LOG.warn("training run failed; the running predictor keeps serving: {}", e.toString());
            if (candidate != null) {
                candidate.close();
            }
            return false;
        } finally {
            if (incumbent != null) {
                incumbent.release();
            }
        }
    }

    /** The serving predictor over {@code model} (null: the tables alone), scored on the validation slice. */
    private double score(LstmModel model, List<AccessEvent> train, List<AccessEvent> validation) {
        try (BatchedPredictor predictor = serving.apply(model)) {
            return Accuracy.ofServing(predictor, train, validation, settings.topK());
        }
    }

    /** The model serving (or about to), retained so a concurrent swap cannot free it mid-validation. */
    private LstmModel retainLatest() {
        while (true) {
            LstmModel m = current.get();
            if (m == null || m.retain()) {
                return m;
            }
        }
    }

    private static String fmt(double v) {
        return String.format(java.util.Locale.ROOT, "%.3f", v);
    }

    public long runs() { return runs.get(); }
    public long swaps() { return swaps.get(); }
    public long rejections() { return rejections.get(); }
    public long failures() { return failures.get(); }
    public double lastCandidateAccuracy() { return lastCandidateAccuracy; }
    public double lastBaselineAccuracy() { return lastBaselineAccuracy; }
    /** Validation accuracy of the model now serving (0 before the first swap). */
    public double activeAccuracy() { return activeAccuracy; }
    public long lastTrainingMillis() { return lastTrainingMillis; }
    public int lastRunEvents() { return lastRunEvents; }
    /** Version of the last model this trainer swapped in (0 before the first swap). */
    public long modelVersion() { return modelVersion; }
    public TrainerSettings settings() { return settings; }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
