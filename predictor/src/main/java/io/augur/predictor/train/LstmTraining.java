package io.augur.predictor.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Adam;
import ai.djl.training.tracker.Tracker;
import io.augur.engine.NativeEngine;
import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.network.LstmModel;
import io.augur.predictor.model.network.TimeOfWeek;
import io.augur.predictor.vocab.KeyVocabulary;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Trains a candidate model (next key and keys ahead) on a window of accesses, within a time budget. */
public final class LstmTraining {

    /*
     * Loss: softmax cross-entropy of the next token, plus the ahead head's sigmoid binary
     * cross-entropy against multi-hot targets (the tokens read within AHEAD_READS reads; Voyager,
     * Shi et al. 2021), summed over the vocabulary and divided by AHEAD_READS so that it weighs
     * per target key about what the next token's loss weighs: summed raw, the V negatives of every
     * sample would swamp the shared LSTM's gradient; averaged over V, they would vanish.
     */

    /** Samples per optimizer step (measured: 5.5 ms per step at V = 2,000 on one core). */
    public static final int BATCH_SIZE = 64;
    private static final float LEARNING_RATE = 0.02f;

    private LstmTraining() {
    }

    /**
     * What one training run produced.
     *
     * @param lastLoss      the last step's next-token cross-entropy
     * @param lastAheadLoss the last step's ahead loss (binary cross-entropy per ahead read)
     */
    public record Result(LstmModel model, int samples, int steps, float lastLoss, float lastAheadLoss) {
    }

    /**
     * Builds the vocabulary from {@code events}, then trains for up to {@code epochs} passes or
     * {@code budgetMillis}, whichever ends first. Returns null when there is nothing to learn.
     */
    public static Result train(NativeEngine engine, List<AccessEvent> events, int vocabularyKeys, int epochs,
                               long budgetMillis, long version, long seed) {
        return train(engine, events, vocabularyKeys, epochs, budgetMillis, version, seed, 1.0);
    }

    /** As above, computing at most {@code dutyCycle} of the wall time (resting between steps). */
    public static Result train(NativeEngine engine, List<AccessEvent> events, int vocabularyKeys, int epochs,
                               long budgetMillis, long version, long seed, double dutyCycle) {
        List<byte[]> reads = new ArrayList<>();
        for (AccessEvent e : events) {
            if (e.op() == AccessEvent.Op.READ) {
                reads.add(e.key());
            }
        }
        KeyVocabulary vocabulary = KeyVocabulary.build(reads, vocabularyKeys);
        List<Sequences.Sample> samples = Sequences.samples(events, vocabulary, TrainerSettings.AHEAD_READS);
        if (samples.size() < BATCH_SIZE) {
            return null;
        }
        engine.seed(seed);
        LstmModel model = LstmModel.create(engine, vocabulary, version, meanFirstPositions(samples, vocabulary.size()));
        long deadline = System.currentTimeMillis() + budgetMillis;
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed(LEARNING_RATE)).build())
                .optDevices(new ai.djl.Device[]{engine.device()});
        int steps = 0;
        float[] lastLoss = {Float.NaN, Float.NaN};
        Random random = new Random(seed);
        try (Trainer trainer = model.djlModel().newTrainer(config)) {
            trainer.initialize(new Shape(BATCH_SIZE, LstmModel.SEQUENCE_LENGTH),
                    new Shape(BATCH_SIZE, TimeOfWeek.FEATURES));
            List<Sequences.Sample> order = new ArrayList<>(samples);
            outer:
            for (int epoch = 0; epoch < epochs; epoch++) {
                Collections.shuffle(order, random);
                for (int from = 0; from + BATCH_SIZE <= order.size(); from += BATCH_SIZE) {
                    if (System.currentTimeMillis() > deadline) {
                        break outer;
                    }
                    long stepStart = System.nanoTime();
                    lastLoss = step(trainer, order.subList(from, from + BATCH_SIZE), vocabulary.size());
                    steps++;
                    rest(System.nanoTime() - stepStart, dutyCycle);
                }
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return new Result(model, samples.size(), steps, lastLoss[0], lastLoss[1]);
    }

    /** Per token, the mean first position it was read at within the ahead window (0: never). */
    private static float[] meanFirstPositions(List<Sequences.Sample> samples, int vocabularySize) {
        double[] sum = new double[vocabularySize];
        int[] count = new int[vocabularySize];
        for (Sequences.Sample s : samples) {
            for (int i = 0; i < s.ahead().length; i++) {
                sum[s.ahead()[i]] += s.aheadPositions()[i];
                count[s.ahead()[i]]++;
            }
        }
        float[] mean = new float[vocabularySize];
        for (int t = 0; t < vocabularySize; t++) {
            mean[t] = count[t] == 0 ? 0 : (float) (sum[t] / count[t]);
        }
        return mean;
    }

    private static void rest(long busyNanos, double dutyCycle) {
        if (dutyCycle < 1) {
            java.util.concurrent.locks.LockSupport.parkNanos((long) (busyNanos * (1 - dutyCycle) / dutyCycle));
        }
    }

    /** One optimizer step; returns the next-token loss and the ahead loss. */
    private static float[] step(Trainer trainer, List<Sequences.Sample> batch, int vocabularySize) {
        int[][] x = new int[batch.size()][];
        int[] slots = new int[batch.size()];
        int[] y = new int[batch.size()];
        float[][] ahead = new float[batch.size()][vocabularySize];
        for (int i = 0; i < batch.size(); i++) {
            x[i] = batch.get(i).context();
            slots[i] = batch.get(i).slot();
            y[i] = batch.get(i).next();
            for (int token : batch.get(i).ahead()) {
                ahead[i][token] = 1;
            }
        }
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray input = scope.create(x).toType(DataType.INT32, false);
            NDArray time = scope.create(LstmModel.timeRows(slots));
            NDArray labels = scope.create(y).toType(DataType.INT64, false);
            NDArray targets = scope.create(ahead);
            float[] loss = new float[2];
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList heads = trainer.forward(new NDList(input, time));
                NDArray next = trainer.getLoss().evaluate(new NDList(labels), new NDList(heads.get(0)));
                NDArray x1 = heads.get(1);
                // Binary cross-entropy on logits, stable form: max(x, 0) - x * y + log(1 + exp(-|x|)).
                NDArray bce = x1.maximum(0).sub(x1.mul(targets)).add(x1.abs().neg().exp().add(1).log());
                NDArray aheadLoss = bce.sum(new int[]{1}).mean().div(TrainerSettings.AHEAD_READS);
                loss[0] = next.getFloat();
                loss[1] = aheadLoss.getFloat();
                collector.backward(next.add(aheadLoss));
            }
            trainer.step();
            return loss;
        }
    }
}
