package io.augur.predictor.bench;

import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.Predictor;
import io.augur.predictor.model.Predictors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * What a table costs the predictor thread per read it learns from (observe), on 128 interleaved
 * clients over 200,000 keys: the live predictor thread pays this for every read, before predicting.
 * Run: BENCH=TableObserveBenchmark bench/inference.sh
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TableObserveBenchmark {

    @Param({"successor", "delta", "ahead", "interleaved"})
    public String table;

    private Predictor predictor;
    private AccessEvent[] reads;
    private int next;

    @Setup
    public void setUp() {
        predictor = Predictors.create(table);
        java.util.Random random = new java.util.Random(1);
        reads = new AccessEvent[1 << 16];
        for (int i = 0; i < reads.length; i++) {
            byte[] key = ("product:" + random.nextInt(200_000)).getBytes(StandardCharsets.UTF_8);
            reads[i] = new AccessEvent(key, AccessEvent.Op.READ, false, i, random.nextInt(128));
        }
        for (AccessEvent e : reads) {
            predictor.observe(e); // tables at their steady size before measuring
        }
    }

    @Benchmark
    public void observe() {
        predictor.observe(reads[next]);
        next = (next + 1) & (reads.length - 1);
    }
}
