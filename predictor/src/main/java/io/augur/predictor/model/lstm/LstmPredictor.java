package io.augur.predictor.model.lstm;

import io.augur.engine.NativeEngine;
import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.Prediction;
import io.augur.predictor.model.Predictor;
import io.augur.predictor.model.Predictors;
import io.augur.predictor.model.network.LstmModel;
import io.augur.predictor.train.BatchedPredictor;
import io.augur.predictor.train.OnlineTrainer;
import io.augur.predictor.train.TrainerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The learned predictor ("lstm"): a blend of the baseline's calibrated tables and an LSTM over each
 * client's recent reads (its next-read and ahead heads), trained online in the background. Without
 * a serving model (untrained, rejected or failed) the tables alone answer.
 */
public final class LstmPredictor implements Predictor {

    /*
     * This class owns the serving model's life (load, offer, install, close on failure); what it
     * serves is a ServingBlend over the model in service, the same form the trainer scores a
     * candidate in.
     *
     * Per-client state: the last SEQUENCE_LENGTH keys of each connection, so interleaved clients
     * never blur each other's sequences. Model swaps are handed over through a reference the
     * predictor thread installs itself, so the serving model is never closed mid-inference; the
     * trainer retains the model it validates against (LstmModel reference counts), so a swap
     * cannot free it under the trainer.
     *
     * Why a context of 16 keys rather than a carried LSTM state per client: re-running 16 steps is
     * the same single forward call (the fixed ~1 ms dominates), needs no state (h, c) per client
     * in native memory, survives model swaps (a new model's state would be meaningless), and makes
     * predictions cacheable by context.
     */

    private static final Logger LOG = LoggerFactory.getLogger(LstmPredictor.class);

    private final EventWindow window;
    private final OnlineTrainer trainer;
    private final AtomicReference<LstmModel> offered = new AtomicReference<>();
    /** Whether the network sees the time of day and week (false: an ablation, the time held at 0). */
    private final boolean timeAware;
    private final InferenceTimer inference = new InferenceTimer();
    private volatile LstmModel active;
    private volatile long failures;
    /** The baseline's tables, the network's two heads and the lookahead table, over {@link #active}. */
    private final ServingBlend serving;

    /**
     * @param baselineFactory makes the fallback now, and fresh baselines to validate candidates against
     * @param modelDir        where models are saved and loaded from (null: neither)
     * @param train           whether to start the background trainer
     */
    public LstmPredictor(NativeEngine engine, Supplier<Predictor> baselineFactory, TrainerSettings settings,
                         Path modelDir, boolean train) {
        this(engine, baselineFactory, settings, modelDir, train, true);
    }

    /** As above; with {@code timeAware} false the network is fed a constant time (for side-by-side replays). */
    public LstmPredictor(NativeEngine engine, Supplier<Predictor> baselineFactory, TrainerSettings settings,
                         Path modelDir, boolean train, boolean timeAware) {
        this.timeAware = timeAware;
        this.serving = new ServingBlend(baselineFactory.get(), () -> active, this::inferenceFailed, inference,
                timeAware);
        this.window = new EventWindow(settings.windowEvents(), settings.dayMemoryEvents());
        // The gate scores each model as served: a fresh ServingBlend over it (null: the tables alone).
        this.trainer = new OnlineTrainer(engine, settings, window::snapshot, window::seen,
                model -> ServingBlend.over(baselineFactory.get(), model, timeAware), this::latestModel, this::offer,
                modelDir);
        if (modelDir != null) {
            try {
                LstmModel saved = LstmModel.load(engine, modelDir);
                if (saved != null) {
                    active = saved;
                    LOG.info("loaded LSTM model version {} ({} keys) from {}", saved.version(),
                            saved.vocabulary().keyCount(), modelDir);
                }
            } catch (Exception e) {
                LOG.warn("ignoring the saved model in {}: {}", modelDir, e.toString());
            }
        }
        if (train) {
            trainer.start();
        }
    }

    @Override
    public String name() {
        return Predictors.LSTM;
    }

    @Override
    public void observe(AccessEvent event) {
        serving.observe(event);
        window.add(timeAware ? event
                : new AccessEvent(event.key(), event.op(), event.hit(), 0, event.connectionId()));
    }

    @Override
    public List<Prediction> predict(long connectionId, int k) {
        installOffered();
        return serving.predict(connectionId, k);
    }

    @Override
    public List<Prediction> predictByKey(long connectionId, byte[] key, int k) {
        return serving.predictByKey(connectionId, key, k);
    }

    /** The serving model failed: the tables serve until the next trained model. */
    private void inferenceFailed(RuntimeException e) {
        failures++;
        LOG.warn("LSTM inference failed, the baseline serves until the next trained model: {}", e.toString());
        LstmModel model = active;
        active = null;
        if (model != null) {
            model.close();
        }
    }

    /**
     * Computes the predictions for many client histories (oldest key first) in batched forward
     * passes and caches them by context, so the {@link #predict} calls that follow are lookups.
     * A forward pass costs about the same for 1 row as for hundreds; the replay evaluator uses this.
     */
    @Override
    public void prepare(List<AccessEvent> batch, int k) {
        installOffered();
        if (active == null) {
            return;
        }
        // Each read's context as predict() will see it: the client's history so far, plus the batch's reads before it.
        Map<Long, ArrayDeque<byte[]>> histories = new HashMap<>();
        List<Recent> contexts = new ArrayList<>();
        for (AccessEvent e : batch) {
            if (e.op() != AccessEvent.Op.READ) {
                continue;
            }
            ArrayDeque<byte[]> h = histories.computeIfAbsent(e.connectionId(),
                    c -> new ArrayDeque<>(serving.keysOf(c)));
            h.addLast(e.key());
            while (h.size() > LstmModel.SEQUENCE_LENGTH) {
                h.removeFirst();
            }
            contexts.add(new Recent(new ArrayList<>(h), timeAware ? e.timeMillis() : 0));
        }
        precompute(contexts, k);
    }

    public void precompute(List<Recent> histories, int k) {
        installOffered();
        List<BatchedPredictor.ClientReads> clients = new ArrayList<>(histories.size());
        for (Recent r : histories) {
            clients.add(new BatchedPredictor.ClientReads(r.keys(), r.lastReadMillis()));
        }
        serving.precompute(clients, k);
    }

    /**
     * The predictor as the lstm predictor serves it over a fixed {@code model} (null: the tables
     * alone), for scoring a model the way it would serve; its inference failures throw.
     */
    public static BatchedPredictor servingOver(Predictor tables, LstmModel model) {
        return ServingBlend.over(tables, model, true);
    }

    /** The model a new candidate must beat: the one offered and not yet installed, else the one serving. */
    private LstmModel latestModel() {
        LstmModel pending = offered.get();
        return pending != null ? pending : active;
    }

    /** Called by the trainer thread: the predictor thread installs the model at its next predict. */
    private void offer(LstmModel model) {
        LstmModel superseded = offered.getAndSet(model);
        if (superseded != null) {
            superseded.close();
        }
    }

    /** Puts a model the trainer offered into service, on the predictor thread. */
    private void installOffered() {
        LstmModel next = offered.getAndSet(null);
        if (next != null) {
            LstmModel previous = active;
            active = next;
            serving.clearCache();
            if (previous != null) {
                previous.close();
            }
            LOG.info("LSTM model version {} now serving ({} keys)", next.version(), next.vocabulary().keyCount());
        }
    }

    @Override
    public void forgetConnection(long connectionId) {
        serving.forgetConnection(connectionId);
    }

    /** Version of the model serving, 0 when the baseline serves. */
    public long modelVersion() {
        LstmModel m = active;
        return m == null ? 0 : m.version();
    }

    public boolean modelServing() {
        return active != null;
    }

    public OnlineTrainer trainer() {
        return trainer;
    }

    public InferenceTimer inference() {
        return inference;
    }

    public long failures() {
        return failures;
    }

    /** Trains once now, on the current window (tests and the warm-up path). */
    public boolean trainNow() {
        boolean swapped = trainer.runOnce();
        installOffered();
        return swapped;
    }

    @Override
    public void close() {
        trainer.close();
        serving.close();
        LstmModel m = active;
        if (m != null) {
            m.close();
        }
        LstmModel pending = offered.getAndSet(null);
        if (pending != null) {
            pending.close();
        }
    }

    /** A client's last keys (oldest first) and the time of the last one, for {@link #precompute}. */
    public record Recent(List<byte[]> keys, long lastReadMillis) {
    }
}
