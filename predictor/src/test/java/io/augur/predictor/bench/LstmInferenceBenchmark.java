package io.augur.predictor.bench;

import io.augur.engine.EngineSettings;
import io.augur.engine.NativeEngine;
import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.Predictors;
import io.augur.predictor.model.network.LstmModel;
import io.augur.predictor.train.LstmTraining;
import io.augur.predictor.train.Sequences;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Cost of one LSTM prediction on the CPU (one client context → top-2 keys), as the server pays it
 * on a cache miss of its prediction cache; and of the successor+delta baseline for comparison.
 * Run: bench/inference.sh  (SampleTime mode prints p50/p99/p99.9).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LstmInferenceBenchmark {

    /** Keys in the vocabulary (the output layer's width). */
    @Param({"2000"})
    public int vocabularyKeys;

    private NativeEngine engine;
    private LstmModel model;
    private int[][] contexts;
    private int next;
    private io.augur.predictor.model.Predictor baseline;

    @Setup(Level.Trial)
    public void train() throws Exception {
        engine = NativeEngine.load(new EngineSettings("cpu", 1, 1));
        List<AccessEvent> events = new ArrayList<>();
        java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < 40_000; i++) {
            String key = "k" + (random.nextInt(vocabularyKeys));
            events.add(new AccessEvent(key.getBytes(StandardCharsets.UTF_8), AccessEvent.Op.READ, false, i, i % 8));
        }
        model = LstmTraining.train(engine, events, vocabularyKeys, 1, 5_000, 1, 1).model();
        contexts = new int[256][];
        for (int i = 0; i < contexts.length; i++) {
            List<byte[]> history = new ArrayList<>();
            for (int j = 0; j < LstmModel.SEQUENCE_LENGTH; j++) {
                history.add(("k" + random.nextInt(vocabularyKeys)).getBytes(StandardCharsets.UTF_8));
            }
            contexts[i] = Sequences.context(history, model.vocabulary());
        }
        baseline = Predictors.successorAndDelta();
        events.forEach(baseline::observe);
    }

    @Benchmark
    public LstmModel.TopTokens lstmPredictOneContext() {
        int[] context = contexts[next++ & 255];
        return model.predict(new int[][]{context}, new int[]{0}, 2)[0];
    }

    @Benchmark
    public Object baselinePredict() {
        return baseline.predict(next++ & 7, 2);
    }

    @TearDown(Level.Trial)
    public void close() {
        model.close();
    }
}
