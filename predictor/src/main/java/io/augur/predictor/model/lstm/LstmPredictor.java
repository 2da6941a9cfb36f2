package io.augur.predictor.model.lstm;

import io.augur.engine.NativeEngine;
import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.AheadPredictor;
import io.augur.predictor.model.BoundedLru;
import io.augur.predictor.model.CompositePredictor;
import io.augur.predictor.model.Prediction;
import io.augur.predictor.model.Predictor;
import io.augur.predictor.model.Predictors;
import io.augur.predictor.model.RecentReads;
import io.augur.predictor.model.blend.Blend;
import io.augur.predictor.model.blend.Source;
import io.augur.predictor.model.network.LstmModel;
import io.augur.predictor.model.network.TimeOfWeek;
import io.augur.predictor.train.OnlineTrainer;
import io.augur.predictor.train.Sequences;
import io.augur.predictor.train.TrainerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The learned predictor ("lstm"): a {@link Blend} of the baseline's calibrated tables and an LSTM
 * over each client's recent reads, trained online in the background; the network is one source.
 * Without a serving model (untrained, rejected or failed) the tables alone answer.
 */
public final class LstmPredictor implements Predictor {

    /*
     * Why one unit of ~320 lines: it owns the serving model's life (load, offer, install, close on
     * failure) and the network source that reads it; the blend itself lives in model/blend.
     *
     * Per-client state: the last SEQUENCE_LENGTH keys of each connection, so interleaved clients
     * never blur each other's sequences. Cost: a forward pass costs ~1 ms whatever the batch, so
     * predictions are cached per context (a repeating pattern pays once), and observe() only does
     * bookkeeping. Model swaps are handed over through a reference the predictor thread installs
     * itself, so the serving model is never closed mid-inference; the trainer retains the model it
     * validates against (LstmModel reference counts), so a swap cannot free it under the trainer.
     *
     * Why a context of 16 keys rather than a carried LSTM state per client: re-running 16 steps is
     * the same single forward call (the fixed ~1 ms dominates), needs no state (h, c) per client
     * in native memory, survives model swaps (a new model's state would be meaningless), and makes
     * predictions cacheable by context.
     */

    private static final Logger LOG = LoggerFactory.getLogger(LstmPredictor.class);
    /** Connections whose history is kept. */
    private static final int MAX_CONNECTIONS = 65_536;
    /** Contexts whose predictions are cached. */
    private static final int MAX_CACHED_CONTEXTS = 16_384;
    /** Tokens the model proposes per prediction, before blending and calibration. */
    private static final int TOP_TOKENS = 8;
    /** Contexts per batched forward pass in {@link #precompute}. */
    private static final int PRECOMPUTE_BATCH = 256;

    private final Predictor fallback;
    private final EventWindow window;
    private final OnlineTrainer trainer;
    private final AtomicReference<LstmModel> offered = new AtomicReference<>();
    private final RecentReads histories = new RecentReads(LstmModel.SEQUENCE_LENGTH, MAX_CONNECTIONS);
    /** Whether the network sees the time of day and week (false: an ablation, the time held at 0). */
    private final boolean timeAware;
    private final Map<Context, LstmModel.TopTokens> cache = new BoundedLru<>(MAX_CACHED_CONTEXTS);
    private final InferenceTimer inference = new InferenceTimer();
    private volatile LstmModel active;
    private volatile long failures;
    /** Keys read 8-16 reads after a key: what a slow origin needs, appended after the chain. */
    private final AheadPredictor ahead = new AheadPredictor();
    /** The baseline's tables (the composite's parts, when it is one), then the network; and the lookahead table. */
    private final Blend blend;

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
        this.fallback = baselineFactory.get();
        List<Predictor> tables = fallback instanceof CompositePredictor c ? c.parts() : List.of(fallback);
        List<Source> sources = new ArrayList<>();
        tables.forEach(t -> sources.add(Source.table(t)));
        sources.add(new NetworkSource());
        this.blend = new Blend(sources, Source.table(Source.LOOKAHEAD, ahead));
        this.window = new EventWindow(settings.windowEvents(), settings.dayMemoryEvents());
        this.trainer = new OnlineTrainer(engine, settings, window::snapshot, window::seen, baselineFactory,
                this::latestModel, this::offer, modelDir);
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
        fallback.observe(event);
        ahead.observe(event);
        window.add(timeAware ? event
                : new AccessEvent(event.key(), event.op(), event.hit(), 0, event.connectionId()));
        if (event.op() == AccessEvent.Op.READ) {
            blend.read(event.connectionId(), event.key());
            histories.add(event.connectionId(), event.key(), timeAware ? event.timeMillis() : 0);
        }
    }

    @Override
    public List<Prediction> predict(long connectionId, int k) {
        installOffered();
        return blend.predict(connectionId, k);
    }

    /** The network as a blend source: its top tokens for the client's context, decoded to keys. */
    private final class NetworkSource implements Source {

        @Override
        public String name() {
            return Source.NETWORK;
        }

        @Override
        public List<Prediction> propose(long connectionId, int k) {
            LstmModel model = active;
            List<byte[]> keys = histories.keys(connectionId);
            List<Prediction> out = new ArrayList<>(TOP_TOKENS);
            if (model == null || keys.isEmpty()) {
                return out;
            }
            try {
                modelProposals(model, keys, TimeOfWeek.slot(histories.lastReadMillis(connectionId)), out);
            } catch (RuntimeException | LinkageError e) {
                failures++;
                LOG.warn("LSTM inference failed, the baseline serves until the next trained model: {}", e.toString());
                active = null;
                cache.clear();
                model.close();
            }
            return out;
        }
    }

    /** The model's top tokens for the client's context, as raw proposals. */
    private void modelProposals(LstmModel model, List<byte[]> keys, int slot, List<Prediction> out) {
        Context context = new Context(Sequences.context(keys, model.vocabulary()), slot);
        LstmModel.TopTokens top = cache.get(context);
        if (top == null) {
            long start = System.nanoTime();
            top = model.predict(new int[][]{context.tokens}, new int[]{slot}, TOP_TOKENS)[0];
            inference.record(System.nanoTime() - start);
            cache.put(context, top);
        }
        byte[] last = keys.get(keys.size() - 1);
        for (int i = 0; i < top.tokens().length; i++) {
            byte[] key = model.vocabulary().decode(last, top.tokens()[i]);
            if (key != null) {
                out.add(new Prediction(key, top.probabilities()[i], 1, Source.NETWORK));
            }
        }
    }

    /**
     * Computes the predictions for many client histories (oldest key first) in batched forward
     * passes and caches them by context, so the {@link #predict} calls that follow are lookups.
     * A forward pass costs about the same for 1 row as for hundreds; the replay evaluator uses this.
     */
    public void precompute(List<Recent> histories, int k) {
        installOffered();
        LstmModel model = active;
        if (model == null) {
            return;
        }
        List<Context> missing = new ArrayList<>();
        Set<Context> seen = new HashSet<>();
        for (Recent recent : histories) {
            List<byte[]> history = recent.keys();
            if (history.isEmpty()) {
                continue;
            }
            List<byte[]> tail = history.size() > LstmModel.SEQUENCE_LENGTH
                    ? history.subList(history.size() - LstmModel.SEQUENCE_LENGTH, history.size()) : history;
            Context context = new Context(Sequences.context(tail, model.vocabulary()),
                    TimeOfWeek.slot(timeAware ? recent.lastReadMillis() : 0));
            if (!cache.containsKey(context) && seen.add(context)) {
                missing.add(context);
            }
        }
        for (int from = 0; from < missing.size(); from += PRECOMPUTE_BATCH) {
            List<Context> batch = missing.subList(from, Math.min(missing.size(), from + PRECOMPUTE_BATCH));
            int[][] rows = new int[batch.size()][];
            int[] slots = new int[batch.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = batch.get(i).tokens;
                slots[i] = batch.get(i).slot;
            }
            LstmModel.TopTokens[] tops = model.predict(rows, slots, TOP_TOKENS);
            for (int i = 0; i < rows.length; i++) {
                cache.put(batch.get(i), tops[i]);
            }
        }
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
            cache.clear();
            if (previous != null) {
                previous.close();
            }
            LOG.info("LSTM model version {} now serving ({} keys)", next.version(), next.vocabulary().keyCount());
        }
    }

    @Override
    public void forgetConnection(long connectionId) {
        histories.forget(connectionId);
        blend.forget(connectionId);
        ahead.forgetConnection(connectionId);
        fallback.forgetConnection(connectionId);
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
        fallback.close();
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

    /** A token context at a time slot, as a cache key. */
    private record Context(int[] tokens, int slot) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Context c && slot == c.slot && Arrays.equals(tokens, c.tokens);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(tokens) + slot;
        }
    }
}
