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

/** Trains a candidate next-key model on a window of accesses, within a time budget. */
public final class LstmTraining {

    /** Samples per optimizer step (measured: 5.5 ms per step at V = 2,000 on one core). */
    public static final int BATCH_SIZE = 64;
    private static final float LEARNING_RATE = 0.02f;

    private LstmTraining() {
    }

    /** What one training run produced. */
    public record Result(LstmModel model, int samples, int steps, float lastLoss) {
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
        List<Sequences.Sample> samples = Sequences.samples(events, vocabulary);
        if (samples.size() < BATCH_SIZE) {
            return null;
        }
        engine.seed(seed);
        LstmModel model = LstmModel.create(engine, vocabulary, version);
        long deadline = System.currentTimeMillis() + budgetMillis;
        DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                .optOptimizer(Adam.builder().optLearningRateTracker(Tracker.fixed(LEARNING_RATE)).build())
                .optDevices(new ai.djl.Device[]{engine.device()});
        int steps = 0;
        float lastLoss = Float.NaN;
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
                    lastLoss = step(trainer, order.subList(from, from + BATCH_SIZE));
                    steps++;
                    rest(System.nanoTime() - stepStart, dutyCycle);
                }
            }
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return new Result(model, samples.size(), steps, lastLoss);
    }

    private static void rest(long busyNanos, double dutyCycle) {
        if (dutyCycle < 1) {
            java.util.concurrent.locks.LockSupport.parkNanos((long) (busyNanos * (1 - dutyCycle) / dutyCycle));
        }
    }

    private static float step(Trainer trainer, List<Sequences.Sample> batch) {
        int[][] x = new int[batch.size()][];
        int[] slots = new int[batch.size()];
        int[] y = new int[batch.size()];
        for (int i = 0; i < batch.size(); i++) {
            x[i] = batch.get(i).context();
            slots[i] = batch.get(i).slot();
            y[i] = batch.get(i).next();
        }
        try (NDManager scope = trainer.getManager().newSubManager()) {
            NDArray input = scope.create(x).toType(DataType.INT32, false);
            NDArray time = scope.create(LstmModel.timeRows(slots));
            NDArray labels = scope.create(y).toType(DataType.INT64, false);
            float loss;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList predictions = trainer.forward(new NDList(input, time));
                NDArray value = trainer.getLoss().evaluate(new NDList(labels), predictions);
                loss = value.getFloat();
                collector.backward(value);
            }
            trainer.step();
            return loss;
        }
    }
}
