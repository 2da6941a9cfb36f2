package io.augur.server.bench;

import io.augur.server.store.ChronicleStore;
import io.augur.server.store.CollectionCodec;
import io.augur.server.store.EvictionPolicy;
import io.augur.server.store.StoreConfig;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What one HSET costs the store on a hash of n fields with the single-entry encoding: read the
 * entry, decode it, change one field, encode, write it back (the command's own work, without the
 * socket). The cost grows with n: that is the encoding's stated O(n).
 * Run: bench/collections.sh  (AverageTime, microseconds per HSET).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CollectionWriteBenchmark {

    @Param({"1000", "10000", "100000"})
    public int fields;

    private Path dir;
    private ChronicleStore store;
    private final byte[] key = "bench:hash".getBytes(StandardCharsets.US_ASCII);
    private int next;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        dir = Files.createTempDirectory("augur-bench");
        store = ChronicleStore.open(StoreConfig.builder().dir(dir).entries(1000).averageValueBytes(4 << 20)
                .maxValueBytes(64L << 20).policy(EvictionPolicy.NOEVICTION).build());
        List<byte[]> elements = new ArrayList<>(fields * 2);
        for (int i = 0; i < fields; i++) {
            elements.add(("field:" + i).getBytes(StandardCharsets.US_ASCII));
            elements.add(("value:" + i).getBytes(StandardCharsets.US_ASCII));
        }
        store.put(key, ValueType.HASH, CollectionCodec.encode(elements), 0, false);
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        store.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** HSET of an existing field: the whole payload is read, decoded, re-encoded and rewritten. */
    @Benchmark
    public int hsetOneField() {
        StoredValue old = store.peek(key);
        List<byte[]> elements = CollectionCodec.decode(old.value());
        int field = (next = (next + 7919) % fields);
        elements.set(2 * field + 1, ("v" + next).getBytes(StandardCharsets.US_ASCII));
        byte[] payload = CollectionCodec.encode(elements);
        store.put(key, ValueType.HASH, payload, old.expireAtMillis(), false);
        return payload.length;
    }
}
