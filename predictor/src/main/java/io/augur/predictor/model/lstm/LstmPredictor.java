package io.augur.predictor.model.lstm;

import io.augur.engine.NativeEngine;
import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.AheadPredictor;
import io.augur.predictor.model.Calibration;
import io.augur.predictor.model.KeyBytes;
import io.augur.predictor.model.OutcomeTracker;
import io.augur.predictor.model.Prediction;
import io.augur.predictor.model.Predictor;
import io.augur.predictor.train.OnlineTrainer;
import io.augur.predictor.train.Sequences;
import io.augur.predictor.train.TrainerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The learned predictor ("lstm"): an LSTM over each client's recent reads, trained online in the
 * background. Until a model has been trained and has beaten the baseline — or when it fails —
 * it answers with the baseline, so callers never notice.
 */
public final class LstmPredictor implements Predictor {

    /*
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
    /** Deepest step predicted ahead of the next read (see rollForward). */
    private static final int HORIZON_KEYS = 12;
    /** A chain whose raw chance falls below this stops: its keys would only waste origin requests. */
    private static final double MIN_CHAIN_CHANCE = 0.3;
    /** Tokens the model proposes per prediction, before blending and calibration. */
    private static final int TOP_TOKENS = 8;
    /** Contexts per batched forward pass in {@link #precompute}. */
    private static final int PRECOMPUTE_BATCH = 256;

    private final Predictor fallback;
    private final EventWindow window;
    private final OnlineTrainer trainer;
    private final AtomicReference<LstmModel> offered = new AtomicReference<>();
    private final Map<Long, History> histories = lru(MAX_CONNECTIONS);
    /** Whether the network sees the time of day and week (false: an ablation, the time held at 0). */
    private final boolean timeAware;
    private final Map<Context, LstmModel.TopTokens> cache = lru(MAX_CACHED_CONTEXTS);
    private final InferenceTimer inference = new InferenceTimer();
    private volatile LstmModel active;
    private volatile long failures;
    /** How often the model's and the tables' predictions come true, by raw score. */
    private final Calibration lstmCalibration = new Calibration();
    /** The baseline's tables, each with its own calibration (the composite's parts, when it is one). */
    private final List<Predictor> tables;
    private final List<Calibration> tableCalibrations = new ArrayList<>();
    /** Calibrations of predictions 2-5, 6-9 and 10+ steps ahead. */
    private final Calibration[] chainCalibrations = {new Calibration(), new Calibration(), new Calibration()};
    private final OutcomeTracker outcomes = new OutcomeTracker();
    /** Keys read 8-16 reads after a key: what a slow origin needs, appended after the chain. */
    private final AheadPredictor ahead = new AheadPredictor();
    private final Calibration aheadCalibration = new Calibration();
    /** The lookahead table's outcomes, apart: its keys must not crowd out or pre-empt the next-read sources'. */
    private final OutcomeTracker aheadOutcomes = new OutcomeTracker();

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
        this.tables = fallback instanceof io.augur.predictor.model.CompositePredictor c ? c.parts() : List.of(fallback);
        tables.forEach(t -> tableCalibrations.add(new Calibration()));
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
        return "lstm";
    }

    @Override
    public void observe(AccessEvent event) {
        fallback.observe(event);
        ahead.observe(event);
        window.add(timeAware ? event
                : new AccessEvent(event.key(), event.op(), event.hit(), 0, event.connectionId()));
        if (event.op() == AccessEvent.Op.READ) {
            outcomes.read(event.connectionId(), event.key());
            aheadOutcomes.read(event.connectionId(), event.key());
            History history = histories.computeIfAbsent(event.connectionId(), c -> new History());
            history.keys.addLast(event.key());
            history.lastReadMillis = timeAware ? event.timeMillis() : 0;
            if (history.keys.size() > LstmModel.SEQUENCE_LENGTH) {
                history.keys.removeFirst();
            }
        }
    }

    @Override
    public List<Prediction> predict(long connectionId, int k) {
        installOffered();
        LstmModel model = active;
        History history = histories.get(connectionId);
        Map<KeyBytes, Candidate> candidates = new LinkedHashMap<>();
        for (int s = 0; s < tables.size(); s++) {
            for (Prediction p : tables.get(s).predict(connectionId, k)) {
                offer(candidates, new Candidate(p.key(), p.probability(), tableCalibrations.get(s)));
            }
        }
        if (model != null && history != null && !history.keys.isEmpty()) {
            try {
                modelCandidates(model, new ArrayList<>(history.keys), TimeOfWeek.slot(history.lastReadMillis), candidates);
            } catch (RuntimeException | LinkageError e) {
                failures++;
                LOG.warn("LSTM inference failed, the baseline serves until the next trained model: {}", e.toString());
                active = null;
                cache.clear();
                model.close();
            }
        }
        List<Candidate> ranked = new ArrayList<>(candidates.values());
        ranked.sort(Comparator.comparingDouble(Candidate::calibrated).reversed());
        List<Prediction> result = new ArrayList<>(k);
        for (Candidate c : ranked) {
            if (result.size() == k) {
                break;
            }
            result.add(new Prediction(c.key, c.calibrated()));
        }
        // Every source's proposals are scored, chosen or not, so each calibration keeps learning.
        for (Candidate c : candidates.values()) {
            outcomes.expect(connectionId, c.key, c.raw, c.source);
        }
        // Keys already named, so neither the chain nor the lookahead table names one twice.
        java.util.Set<KeyBytes> named = new java.util.HashSet<>();
        for (Prediction p : result) {
            named.add(new KeyBytes(p.key()));
        }
        if (!ranked.isEmpty()) {
            rollForward(connectionId, ranked.get(0), result, named);
        }
        lookAhead(connectionId, k, result, named);
        return result;
    }

    /**
     * Appends the keys expected after the best next key, following each step's best table
     * proposal up to HORIZON_KEYS deep: with a slow origin a prefetch for the very next read lands
     * too late, one for a read several steps ahead in time. A chain's raw score is the product of
     * its steps' calibrated chances; each depth band has its own calibration.
     */
    private void rollForward(long connectionId, Candidate first, List<Prediction> out, java.util.Set<KeyBytes> seen) {
        byte[] cursor = first.key;
        double chance = first.calibrated();
        for (int depth = 2; depth <= HORIZON_KEYS; depth++) {
            Candidate best = null;
            for (int s = 0; s < tables.size(); s++) {
                for (Prediction p : tables.get(s).predictAfter(cursor, 1)) {
                    Candidate c = new Candidate(p.key(), p.probability(), tableCalibrations.get(s));
                    if (best == null || c.calibrated() > best.calibrated()) {
                        best = c;
                    }
                }
            }
            if (best == null) {
                return;
            }
            chance *= best.calibrated();
            if (chance < MIN_CHAIN_CHANCE || !seen.add(new KeyBytes(best.key))) {
                return;
            }
            Calibration band = chainCalibrations[Math.min(chainCalibrations.length - 1, (depth - 2) / 4)];
            out.add(new Prediction(best.key, band.calibrated(chance), depth));
            outcomes.expect(connectionId, best.key, chance, band);
            cursor = best.key;
        }
    }

    /**
     * Appends the lookahead table's keys (learned at 8-16 reads' distance, not chained), each
     * with its own calibration; the planner takes them only when prefetches land late.
     */
    private void lookAhead(long connectionId, int k, List<Prediction> out, java.util.Set<KeyBytes> named) {
        for (Prediction p : ahead.predict(connectionId, k)) {
            if (named.add(new KeyBytes(p.key()))) {
                out.add(new Prediction(p.key(), aheadCalibration.calibrated(p.probability()), p.depth()));
                aheadOutcomes.expect(connectionId, p.key(), p.probability(), aheadCalibration);
            }
        }
    }

    /** Keeps, per key, the source that gives it the best calibrated chance. */
    private static void offer(Map<KeyBytes, Candidate> candidates, Candidate c) {
        candidates.merge(new KeyBytes(c.key), c, (a, b) -> a.calibrated() >= b.calibrated() ? a : b);
    }

    /** The model's top tokens for the client's context, as candidates. */
    private void modelCandidates(LstmModel model, List<byte[]> keys, int slot, Map<KeyBytes, Candidate> out) {
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
                offer(out, new Candidate(key, top.probabilities()[i], lstmCalibration));
            }
        }
    }

    /** A key one source named, with its raw score and the calibration that turns it into a chance. */
    private record Candidate(byte[] key, double raw, Calibration source) {
        double calibrated() {
            return source.calibrated(raw);
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
        java.util.Set<Context> seen = new java.util.HashSet<>();
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
        histories.remove(connectionId);
        outcomes.forget(connectionId);
        aheadOutcomes.forget(connectionId);
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

    private static <K, V> Map<K, V> lru(int max) {
        return new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > max;
            }
        };
    }

    /** A client's last keys (oldest first) and the time of the last one, for {@link #precompute}. */
    public record Recent(List<byte[]> keys, long lastReadMillis) {
    }

    /** One client's last SEQUENCE_LENGTH keys and when it read the last one. */
    private static final class History {
        final Deque<byte[]> keys = new ArrayDeque<>();
        long lastReadMillis;
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
