package io.augur.predictor.model.lstm;

import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.AheadPredictor;
import io.augur.predictor.model.BoundedLru;
import io.augur.predictor.model.CompositePredictor;
import io.augur.predictor.model.InterleavedPredictor;
import io.augur.predictor.model.Prediction;
import io.augur.predictor.model.Predictor;
import io.augur.predictor.model.Predictors;
import io.augur.predictor.model.RecentReads;
import io.augur.predictor.model.blend.Blend;
import io.augur.predictor.model.blend.Source;
import io.augur.predictor.model.network.LstmModel;
import io.augur.predictor.model.network.TimeOfWeek;
import io.augur.predictor.train.BatchedPredictor;
import io.augur.predictor.train.Sequences;
import io.augur.predictor.train.TrainerSettings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What the lstm predictor serves: the {@link Blend} of the baseline's tables, the network's
 * next-read head, the interleaved table (across clients, for mixed contexts), the network's ahead
 * head and the lookahead table, over one model. The trainer
 * scores a candidate in exactly this form, so the gate and the service never disagree.
 */
final class ServingBlend implements BatchedPredictor {

    /*
     * Cost: a forward pass costs ~1 ms whatever the batch, so both heads' answers are cached per
     * context (a repeating pattern pays once), and observe() only does bookkeeping.
     *
     * Depth of the network's ahead keys: the mean first position each token was read at within
     * the ahead window in training (LstmModel.aheadDepth), at least 2 (depth 1 is the next-read
     * head's); unknown (a token never seen ahead) counts as the middle of the window.
     */

    /** Connections whose history is kept. */
    private static final int MAX_CONNECTIONS = 65_536;
    /** Contexts whose predictions are cached. */
    private static final int MAX_CACHED_CONTEXTS = 16_384;
    /** Tokens the next-read head proposes per prediction, before blending and calibration. */
    private static final int TOP_TOKENS = 8;
    /** Tokens the ahead head proposes per prediction. */
    private static final int AHEAD_TOKENS = 8;
    /** Contexts per batched forward pass in {@link #precompute}. */
    private static final int PRECOMPUTE_BATCH = 256;

    private final Predictor tables;
    private final AheadPredictor ahead = new AheadPredictor();
    /** Successors learned across clients: what a shared connection or a pool without hints leaves to learn from. */
    private final InterleavedPredictor interleaved = new InterleavedPredictor();
    private final RecentReads histories = new RecentReads(LstmModel.SEQUENCE_LENGTH, MAX_CONNECTIONS);
    private final Map<Context, LstmModel.Outputs> cache = new BoundedLru<>(MAX_CACHED_CONTEXTS);
    private final Supplier<LstmModel> network;
    private final Consumer<RuntimeException> onFailure;
    private final InferenceTimer inference;
    /** Whether the network sees the time of day and week (false: an ablation, the time held at 0). */
    private final boolean timeAware;
    private final Blend blend;

    /**
     * @param tables    the baseline's tables (a composite's parts each become a source)
     * @param network   the model serving now (null inside: no network, the tables alone answer)
     * @param onFailure told when inference fails (the model is then not used by this call)
     * @param inference timer of single-context forward passes
     * @param timeAware whether the network is shown the time of the reads (false: always time 0)
     */
    ServingBlend(Predictor tables, Supplier<LstmModel> network, Consumer<RuntimeException> onFailure,
                 InferenceTimer inference, boolean timeAware) {
        this.tables = tables;
        this.timeAware = timeAware;
        this.network = network;
        this.onFailure = onFailure;
        this.inference = inference;
        List<Predictor> parts = tables instanceof CompositePredictor c ? c.parts() : List.of(tables);
        List<Source> sources = new ArrayList<>();
        parts.forEach(t -> sources.add(Source.table(t)));
        sources.add(new Head(false));
        sources.add(Source.acrossClients(interleaved));
        this.blend = new Blend(sources, List.of(new Head(true), Source.table(Source.LOOKAHEAD, ahead)));
    }

    /** The blend over a fixed model (null: the tables alone), as the trainer scores it. */
    static ServingBlend over(Predictor tables, LstmModel model, boolean timeAware) {
        return new ServingBlend(tables, () -> model, e -> {
            throw e; // a failing candidate fails its training run, counted by the trainer
        }, new InferenceTimer(), timeAware);
    }

    @Override
    public String name() {
        return Predictors.LSTM;
    }

    @Override
    public void observe(AccessEvent event) {
        tables.observe(event);
        if (event.op() == AccessEvent.Op.READ) {
            blend.read(event.connectionId(), event.key());
            histories.add(event.connectionId(), event.key(), timeAware ? event.timeMillis() : 0);
        }
        // The interleaved table learns only the reads of contexts that take its keys (asked after this
        // read's outcomes settled, as predict asks): a clean per-user context's reads would cost its CPU
        // for nothing. The lookahead table the other way round: a mixed context's reads 8-16 back are
        // other users', and learning them was a tenth of the predictor thread. Measured live, 16-connection
        // pool: 0.3528 / 0.3478 with both fed (prefetch_batch_per_read 367-782), 0.3594 / 0.3673 / 0.3656
        // with this (102-172); one connection per user 0.4717 / 0.4872 / 0.4709.
        if (blend.wantsAcrossClients(event.connectionId())) {
            interleaved.observe(event);
        } else {
            ahead.observe(event);
        }
    }

    @Override
    public List<Prediction> predict(long connectionId, int k) {
        return blend.predict(connectionId, k);
    }

    @Override
    public List<Prediction> predictByKey(long connectionId, byte[] key, int k) {
        return blend.predictAcrossClients(connectionId, key, k);
    }

    /** The client's last keys (oldest first), as the network reads them. */
    List<byte[]> keysOf(long connectionId) {
        return histories.keys(connectionId);
    }

    /** Drops the cached answers (a new model serves). */
    void clearCache() {
        cache.clear();
    }

    /** Both heads' answers for the client's context, computed now when not cached; null without a model. */
    private LstmModel.Outputs outputs(long connectionId, LstmModel model) {
        List<byte[]> keys = histories.keys(connectionId);
        if (model == null || keys.isEmpty()) {
            return null;
        }
        Context context = new Context(Sequences.context(keys, model.vocabulary()),
                TimeOfWeek.slot(histories.lastReadMillis(connectionId)));
        LstmModel.Outputs out = cache.get(context);
        if (out == null) {
            try {
                long start = System.nanoTime();
                out = model.predictBoth(new int[][]{context.tokens}, new int[]{context.slot}, TOP_TOKENS,
                        AHEAD_TOKENS)[0];
                inference.record(System.nanoTime() - start);
            } catch (RuntimeException e) {
                cache.clear();
                onFailure.accept(e);
                return null;
            }
            cache.put(context, out);
        }
        return out;
    }

    @Override
    public void precompute(List<ClientReads> clients, int k) {
        LstmModel model = network.get();
        if (model == null) {
            return;
        }
        List<Context> missing = new ArrayList<>();
        Set<Context> seen = new HashSet<>();
        for (ClientReads client : clients) {
            List<byte[]> history = client.keys();
            if (history.isEmpty()) {
                continue;
            }
            List<byte[]> tail = history.size() > LstmModel.SEQUENCE_LENGTH
                    ? history.subList(history.size() - LstmModel.SEQUENCE_LENGTH, history.size()) : history;
            Context context = new Context(Sequences.context(tail, model.vocabulary()),
                    TimeOfWeek.slot(timeAware ? client.lastReadMillis() : 0));
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
            // Timed like the single pass in outputs(): the server's passes are these batched ones (its predict
            // calls are then cache lookups), so untimed they left the inference histogram empty.
            long start = System.nanoTime();
            LstmModel.Outputs[] outs = model.predictBoth(rows, slots, TOP_TOKENS, AHEAD_TOKENS);
            inference.record(System.nanoTime() - start);
            for (int i = 0; i < rows.length; i++) {
                cache.put(batch.get(i), outs[i]);
            }
        }
    }

    @Override
    public void forgetConnection(long connectionId) {
        histories.forget(connectionId);
        blend.forget(connectionId);
        ahead.forgetConnection(connectionId);
        interleaved.forgetConnection(connectionId);
        tables.forgetConnection(connectionId);
    }

    @Override
    public void close() {
        tables.close();
    }

    /**
     * One of the network's heads as a blend source: the next-read head (a next-key source), or the
     * ahead head (a lookahead source: keys read within the ahead window, at their depth).
     */
    private final class Head implements Source {
        private final boolean ahead;

        Head(boolean ahead) {
            this.ahead = ahead;
        }

        @Override
        public String name() {
            return Source.NETWORK;
        }

        @Override
        public List<Prediction> propose(long connectionId, int k) {
            LstmModel model = network.get();
            LstmModel.Outputs out = outputs(connectionId, model);
            return out == null ? List.of() : decode(model, connectionId, ahead ? out.ahead() : out.next(), ahead);
        }
    }

    private List<Prediction> decode(LstmModel model, long connectionId, LstmModel.TopTokens top, boolean deep) {
        byte[] last = histories.last(connectionId);
        List<Prediction> out = new ArrayList<>(top.tokens().length);
        for (int i = 0; i < top.tokens().length; i++) {
            byte[] key = model.vocabulary().decode(last, top.tokens()[i]);
            if (key != null) {
                out.add(new Prediction(key, top.probabilities()[i], deep ? depth(model, top.tokens()[i]) : 1,
                        Source.NETWORK));
            }
        }
        return out;
    }

    private static int depth(LstmModel model, int token) {
        double mean = model.aheadDepth(token);
        return mean <= 0 ? TrainerSettings.AHEAD_READS / 2 : Math.max(2, (int) Math.round(mean));
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
