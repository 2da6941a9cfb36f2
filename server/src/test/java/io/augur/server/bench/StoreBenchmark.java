package io.augur.server.bench;

import io.augur.server.store.ChronicleStore;
import io.augur.server.store.Store;
import io.augur.server.store.StoreConfig;
import io.augur.server.store.ValueSink;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The Chronicle store's GET hit (as an array, and as GET reads it: into the reply's buffer) and SET
 * (overwrite) of 256 B values over 10,000 keys, as the commands call it; with -prof gc,
 * gc.alloc.rate.norm is the bytes each allocates.
 * Run: bench/jmh.sh StoreBenchmark
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class StoreBenchmark {

    private static final int KEYS = 10_000;

    private Path dir;
    private ChronicleStore store;
    private Store db;
    private byte[][] keys;
    private final byte[] value = "v".repeat(256).getBytes(StandardCharsets.US_ASCII);
    private int next;
    private final byte[] replyBuffer = new byte[512];
    private final ValueSink sink = length -> replyBuffer;

    @Setup(Level.Trial)
    public void open() throws Exception {
        dir = Files.createTempDirectory("augur-store-bench");
        store = ChronicleStore.open(StoreConfig.builder().dir(dir).entries(100_000).build());
        db = store.database(0);
        keys = new byte[KEYS][];
        for (int i = 0; i < KEYS; i++) {
            keys[i] = String.format("key:%012d", i).getBytes(StandardCharsets.US_ASCII);
            db.put(keys[i], value, 0, false);
        }
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        store.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private byte[] nextKey() {
        next = next + 1 == KEYS ? 0 : next + 1;
        return keys[next];
    }

    @Benchmark
    public Object getHit() {
        return db.get(nextKey());
    }

    /** GET's read as the command makes it: the value copied into the reply's reused buffer. */
    @Benchmark
    public Object getHitIntoReplyBuffer() {
        return db.readString(nextKey(), sink);
    }

    @Benchmark
    public void setOverwrite() {
        db.put(nextKey(), value, 0, false);
    }
}
