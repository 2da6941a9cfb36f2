package io.augur.predictor.model.lstm;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.recurrent.LSTM;
import ai.djl.nn.transformer.IdEmbedding;
import ai.djl.training.ParameterStore;
import io.augur.engine.NativeEngine;
import io.augur.predictor.vocab.KeyVocabulary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One trained next-key model: embedding(32) → LSTM(64) → linear over the vocabulary, with the
 * vocabulary it was trained on. Given the last tokens of a client, it scores every next token.
 */
public final class LstmModel implements AutoCloseable {

    /** Tokens of context per prediction (the client's last accesses). */
    public static final int SEQUENCE_LENGTH = 16;
    /** Embedding width per token. */
    static final int EMBEDDING_SIZE = 32;
    /** LSTM hidden state size. */
    static final int HIDDEN_SIZE = 64;
    private static final String NAME = "augur-lstm";
    private static final String VOCABULARY_FILE = "vocabulary.txt";
    private static final String VERSION_FILE = "version.txt";

    private final Model model;
    private final KeyVocabulary vocabulary;
    private final long version;

    LstmModel(Model model, KeyVocabulary vocabulary, long version) {
        this.model = model;
        this.vocabulary = vocabulary;
        this.version = version;
    }

    /** A fresh, untrained network sized for the vocabulary. */
    public static LstmModel create(NativeEngine engine, KeyVocabulary vocabulary, long version) {
        Model model = Model.newInstance(NAME, engine.device(), "PyTorch");
        model.setBlock(network(vocabulary.size()));
        return new LstmModel(model, vocabulary, version);
    }

    static Block network(int vocabularySize) {
        return new SequentialBlock()
                .add(new IdEmbedding.Builder().setDictionarySize(vocabularySize).setEmbeddingSize(EMBEDDING_SIZE).build())
                .add(LSTM.builder().setStateSize(HIDDEN_SIZE).setNumLayers(1).optBatchFirst(true).build())
                .add(list -> new NDList(list.singletonOrThrow().get(":, -1, :")))
                .add(Linear.builder().setUnits(vocabularySize).build());
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

    /**
     * Top-k next tokens and their softmax probabilities for each context row (left-padded with PAD).
     * Runs in a sub-manager so nothing stays attached to the model's manager.
     */
    public TopTokens[] predict(int[][] contexts, int k) {
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray input = scope.create(contexts).toType(DataType.INT32, false);
            NDArray logits = model.getBlock().forward(new ParameterStore(scope, false), new NDList(input), false)
                    .singletonOrThrow();
            NDArray probabilities = logits.softmax(-1);
            int kk = Math.min(k, vocabulary.size());
            NDArray order = probabilities.argSort(-1, false).get(":, :" + kk);
            long[] tokens = order.toLongArray();
            float[] all = probabilities.toFloatArray();
            TopTokens[] result = new TopTokens[contexts.length];
            int v = vocabulary.size();
            for (int row = 0; row < contexts.length; row++) {
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
    }

    /** The model saved in {@code dir}, or null when there is none. */
    public static LstmModel load(NativeEngine engine, Path dir) throws IOException {
        Path vocabularyFile = dir.resolve(VOCABULARY_FILE);
        if (!Files.exists(vocabularyFile)) {
            return null;
        }
        KeyVocabulary vocabulary = KeyVocabulary.load(vocabularyFile);
        long version = Long.parseLong(Files.readString(dir.resolve(VERSION_FILE)).trim());
        Model model = Model.newInstance(NAME, engine.device(), "PyTorch");
        model.setBlock(network(vocabulary.size()));
        try {
            model.load(dir, NAME);
        } catch (ai.djl.MalformedModelException e) {
            model.close();
            throw new IOException("saved model in " + dir + " is unreadable: " + e.getMessage(), e);
        }
        return new LstmModel(model, vocabulary, version);
    }

    static Shape inputShape(int batch) {
        return new Shape(batch, SEQUENCE_LENGTH);
    }

    @Override
    public void close() {
        model.close();
    }
}
