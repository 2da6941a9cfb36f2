package io.augur.predictor.model.network;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.modality.nlp.DefaultVocabulary;
import ai.djl.modality.nlp.embedding.TrainableWordEmbedding;
import ai.djl.training.ParameterStore;
import io.augur.engine.NativeEngine;
import io.augur.predictor.vocab.KeyVocabulary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One trained key model: embedding(32) plus the time of day and week (4) at every step → LSTM(64)
 * → two linear heads over the vocabulary: the next token (softmax) and the tokens read within the
 * next reads (independent sigmoids), with the vocabulary it was trained on and each token's depth.
 */
public final class LstmModel implements AutoCloseable {

    /*
     * Why one unit of ~300 lines: the network's shape, its inference and its saved form must
     * change together (a saved model names the shape it was built with, FORMAT).
     *
     * Network: Hashemi et al. (2018), "Learning Memory Access Patterns", embedding-LSTM: token
     * embedding, one LSTM layer, a softmax over the vocabulary from the last step's hidden state.
     * The embedding is DJL's TrainableWordEmbedding (torch.embedding underneath): measured here,
     * a batch of 64 x 16 ids takes 0.2 ms against 1.4-8.9 ms for transformer.IdEmbedding, whose
     * gatherNd dominated a whole training step.
     *
     * Time: the features of the last read's slot (TimeOfWeek) are concatenated to every step's
     * token embedding, so the LSTM's gates can make a successor depend on the hour ("after the
     * login page: reports in the morning, the shop at night"). Added to the output logits instead,
     * time could only shift each key's popularity, never what follows what.
     *
     * Ahead head: Shi et al. (2021), "A Hierarchical Neural Model of Data Prefetching" (Voyager),
     * multi-label targets: a second linear head on the same last hidden state names every token
     * the client reads within the trainer's ahead window, each an independent sigmoid. One forward
     * pass yields both heads, so a slow origin's deep keys cost no extra inference call. Each
     * token's depth (the mean first position it was read at in the window, in training) travels
     * with the model, so the planner can tell a key read soon from one read later.
     *
     * Lifetime: the predictor thread serves with a model while the trainer thread may validate
     * against it, and a swap retires it. Each user retains it for the duration of a use; the native
     * memory is freed when the owner has closed it and the last user has released it.
     */

    /** Tokens of context per prediction (the client's last accesses). */
    public static final int SEQUENCE_LENGTH = 16;
    /** Embedding width per token. */
    static final int EMBEDDING_SIZE = 32;
    /** LSTM hidden state size. */
    static final int HIDDEN_SIZE = 64;
    private static final String NAME = "augur-lstm";
    private static final String VOCABULARY_FILE = "vocabulary.txt";
    private static final String VERSION_FILE = "version.txt";
    private static final String FORMAT_FILE = "format.txt";
    /**
     * The network's inputs, written beside a saved model: a model saved with other inputs (before
     * the time inputs, which saved no format) cannot be loaded into this network and is retrained.
     */
    static final String FORMAT = "tokens+time-of-week;heads=next+ahead";
    private static final String DEPTHS_FILE = "ahead-depths.txt";
    /** The ahead head's answer when it was not asked for. */
    private static final TopTokens EMPTY = new TopTokens(new int[0], new double[0]);

    private final Model model;
    private final KeyVocabulary vocabulary;
    private final long version;
    /** Per token, the mean first position (in reads) it was read at within the ahead window; 0: unknown. */
    private final float[] aheadDepths;
    /** Users of the model, including its owner; the native model is closed when this reaches 0. */
    private final AtomicInteger users = new AtomicInteger(1);
    private final AtomicBoolean ownerClosed = new AtomicBoolean();

    LstmModel(Model model, KeyVocabulary vocabulary, long version, float[] aheadDepths) {
        this.model = model;
        this.vocabulary = vocabulary;
        this.version = version;
        this.aheadDepths = aheadDepths == null ? new float[vocabulary.size()] : aheadDepths.clone();
    }

    /** A fresh, untrained network sized for the vocabulary, its tokens' depths unknown. */
    public static LstmModel create(NativeEngine engine, KeyVocabulary vocabulary, long version) {
        return create(engine, vocabulary, version, null);
    }

    /** A fresh, untrained network sized for the vocabulary, with each token's depth (null: unknown). */
    public static LstmModel create(NativeEngine engine, KeyVocabulary vocabulary, long version, float[] aheadDepths) {
        Model model = Model.newInstance(NAME, engine.device(), "PyTorch");
        model.setBlock(network(vocabulary.size()));
        return new LstmModel(model, vocabulary, version, aheadDepths);
    }

    /** The mean first position (in reads, >= 1) the token was read at within the ahead window; 0 when unknown. */
    public double aheadDepth(int token) {
        return token >= 0 && token < aheadDepths.length ? aheadDepths[token] : 0;
    }

    /**
     * Inputs: tokens [batch, SEQUENCE_LENGTH] and time features [batch, TimeOfWeek.FEATURES];
     * outputs: next-token logits and ahead logits, each [batch, vocabulary].
     */
    static Block network(int vocabularySize) {
        Block tokens = new SequentialBlock()
                .add(inputs -> new NDList(inputs.get(0)))
                .add(TrainableWordEmbedding.builder()
                        .setVocabulary(new DefaultVocabulary(tokenNames(vocabularySize)))
                        .setEmbeddingSize(EMBEDDING_SIZE)
                        .build());
        Block timeAtEveryStep = new LambdaBlock(
                inputs -> new NDList(inputs.get(1).expandDims(1).repeat(1, SEQUENCE_LENGTH)));
        return new SequentialBlock()
                .add(new ParallelBlock(steps -> new NDList(
                        steps.get(0).singletonOrThrow().concat(steps.get(1).singletonOrThrow(), 2)),
                        List.of(tokens, timeAtEveryStep)))
                .add(LSTM.builder().setStateSize(HIDDEN_SIZE).setNumLayers(1).optBatchFirst(true).build())
                .add(list -> new NDList(list.singletonOrThrow().get(":, -1, :")))
                .add(new ParallelBlock(heads -> new NDList(heads.get(0).singletonOrThrow(),
                        heads.get(1).singletonOrThrow()),
                        List.of(Linear.builder().setUnits(vocabularySize).build(),
                                Linear.builder().setUnits(vocabularySize).build())));
    }

    /** Placeholder names: the embedding only needs as many rows as tokens; ids are fed directly. */
    private static List<String> tokenNames(int vocabularySize) {
        List<String> names = new ArrayList<>(vocabularySize);
        for (int i = 0; i < vocabularySize; i++) {
            names.add(Integer.toString(i));
        }
        return names;
    }

    /** Registers one more user; false when the model is already closed (read the latest model again). */
    public boolean retain() {
        for (int n = users.get(); n > 0; n = users.get()) {
            if (users.compareAndSet(n, n + 1)) {
                return true;
            }
        }
        return false;
    }

    /** Ends a use begun by {@link #retain}. */
    public void release() {
        if (users.decrementAndGet() == 0) {
            model.close();
        }
    }

    public KeyVocabulary vocabulary() {
        return vocabulary;
    }

    public long version() {
        return version;
    }

    /** The DJL model, for the trainer. */
    public Model djlModel() {
        return model;
    }

    /** The time-feature rows for the time slots of a batch. */
    public static float[][] timeRows(int[] slots) {
        float[][] rows = new float[slots.length][];
        for (int i = 0; i < slots.length; i++) {
            rows[i] = TimeOfWeek.features(slots[i]);
        }
        return rows;
    }

    /**
     * Top-k next tokens and their softmax probabilities for each context row (left-padded with PAD),
     * each at the time slot of its last read. Runs in a sub-manager so nothing stays attached to
     * the model's manager.
     */
    public TopTokens[] predict(int[][] contexts, int[] slots, int k) {
        Outputs[] outputs = predictBoth(contexts, slots, k, 0);
        TopTokens[] next = new TopTokens[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            next[i] = outputs[i].next();
        }
        return next;
    }

    /**
     * Both heads from one forward pass: the top {@code k} next tokens (softmax probabilities) and
     * the top {@code aheadK} tokens read within the ahead window (sigmoid probabilities).
     */
    public Outputs[] predictBoth(int[][] contexts, int[] slots, int k, int aheadK) {
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray input = scope.create(contexts).toType(DataType.INT32, false);
            NDArray time = scope.create(timeRows(slots));
            NDList heads = model.getBlock().forward(new ParameterStore(scope, false), new NDList(input, time), false);
            TopTokens[] next = top(heads.get(0).softmax(-1), k);
            TopTokens[] ahead = aheadK > 0 ? top(Activation.sigmoid(heads.get(1)), aheadK) : null;
            Outputs[] result = new Outputs[contexts.length];
            for (int row = 0; row < contexts.length; row++) {
                result[row] = new Outputs(next[row], ahead == null ? EMPTY : ahead[row]);
            }
            return result;
        }
    }

    /** The k best tokens of each row of {@code probabilities} [rows, vocabulary], best first. */
    private TopTokens[] top(NDArray probabilities, int k) {
        int rows = (int) probabilities.getShape().get(0);
        int v = vocabulary.size();
        int kk = Math.min(k, v);
        long[] tokens = probabilities.argSort(-1, false).get(":, :" + kk).toLongArray();
        float[] all = probabilities.toFloatArray();
        TopTokens[] result = new TopTokens[rows];
        for (int row = 0; row < rows; row++) {
            int[] t = new int[kk];
            double[] p = new double[kk];
            for (int j = 0; j < kk; j++) {
                t[j] = (int) tokens[row * kk + j];
                p[j] = all[row * v + t[j]];
            }
            result[row] = new TopTokens(t, p);
        }
        return result;
    }

    /** What one forward pass says of one context: the next token, and the tokens read within the ahead window. */
    public record Outputs(TopTokens next, TopTokens ahead) {
    }

    /** The best tokens of one prediction, best first. */
    public record TopTokens(int[] tokens, double[] probabilities) {
    }

    /** Writes parameters, vocabulary and version into {@code dir}. */
    public void save(Path dir) throws IOException {
        Files.createDirectories(dir);
        model.save(dir, NAME);
        vocabulary.save(dir.resolve(VOCABULARY_FILE));
        Files.writeString(dir.resolve(VERSION_FILE), Long.toString(version));
        StringBuilder depths = new StringBuilder();
        for (float d : aheadDepths) {
            depths.append(d).append('\n');
        }
        Files.writeString(dir.resolve(DEPTHS_FILE), depths);
        Files.writeString(dir.resolve(FORMAT_FILE), FORMAT);
    }

    /** The model saved in {@code dir}, or null when there is none. */
    public static LstmModel load(NativeEngine engine, Path dir) throws IOException {
        Path vocabularyFile = dir.resolve(VOCABULARY_FILE);
        if (!Files.exists(vocabularyFile)) {
            return null;
        }
        Path formatFile = dir.resolve(FORMAT_FILE);
        String format = Files.exists(formatFile) ? Files.readString(formatFile).trim() : "tokens (no format file)";
        if (!format.equals(FORMAT)) {
            throw new IOException("saved model in " + dir + " has inputs '" + format + "', this version's network takes '"
                    + FORMAT + "'; it will be retrained");
        }
        KeyVocabulary vocabulary = KeyVocabulary.load(vocabularyFile);
        long version = Long.parseLong(Files.readString(dir.resolve(VERSION_FILE)).trim());
        Model model = Model.newInstance(NAME, engine.device(), "PyTorch");
        model.setBlock(network(vocabulary.size()));
        try {
            model.load(dir, NAME);
        } catch (ai.djl.MalformedModelException | RuntimeException e) {
            model.close();
            throw new IOException("saved model in " + dir + " is unreadable: " + e.getMessage(), e);
        } catch (IOException e) {
            model.close();
            throw e;
        }
        float[] depths = new float[vocabulary.size()];
        Path depthsFile = dir.resolve(DEPTHS_FILE);
        if (Files.exists(depthsFile)) {
            List<String> lines = Files.readAllLines(depthsFile);
            for (int i = 0; i < Math.min(lines.size(), depths.length); i++) {
                depths[i] = Float.parseFloat(lines.get(i).trim());
            }
        }
        return new LstmModel(model, vocabulary, version, depths);
    }

    /** The owner is done with the model; it is freed once no user holds it. Idempotent. */
    @Override
    public void close() {
        if (ownerClosed.compareAndSet(false, true)) {
            release();
        }
    }
}
