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

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What one HSET and one ZADD cost the store on a hash / sorted set of n fields, as the commands do
 * them now (a paged collection changes one bucket page and its header), beside the whole-collection
 * rewrite every update paid before pages (read, decode, change one field, encode, write back).
 * Run: bench/collections.sh  (AverageTime, microseconds per operation).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CollectionWriteBenchmark {

    @Param({"1000", "100000"})
    public int fields;

    private Path dir;
    private ChronicleStore store;
    private final byte[] hash = "bench:hash".getBytes(StandardCharsets.US_ASCII);
    private final byte[] zset = "bench:zset".getBytes(StandardCharsets.US_ASCII);
    private final byte[] compact = "bench:compact".getBytes(StandardCharsets.US_ASCII);
    private byte[][] names;
    private int next;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        dir = Files.createTempDirectory("augur-bench");
        store = ChronicleStore.open(StoreConfig.builder().dir(dir).entries(100_000).averageValueBytes(1024)
                .maxValueBytes(64L << 20).policy(EvictionPolicy.NOEVICTION).build());
        names = new byte[fields][];
        List<byte[]> pairs = new ArrayList<>(fields * 2);
        List<byte[]> members = new ArrayList<>(fields * 2);
        for (int i = 0; i < fields; i++) {
            names[i] = ("field:" + i).getBytes(StandardCharsets.US_ASCII);
            pairs.add(names[i]);
            pairs.add(("value:" + i).getBytes(StandardCharsets.US_ASCII));
            members.add(names[i]);
            members.add(score(i));
        }
        store.put(hash, ValueType.HASH, CollectionCodec.encode(pairs), 0, false);
        store.put(zset, ValueType.ZSET, CollectionCodec.encode(members), 0, false);
        // The single-entry encoding, for the before/after ratio (a string entry holding the same payload).
        store.put(compact, ValueType.STRING, CollectionCodec.encode(pairs), 0, false);
    }

    private static byte[] score(double score) {
        return ByteBuffer.allocate(Double.BYTES).putDouble(score).array();
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        store.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** HSET of an existing field, as HashCommands does it on a paged hash. */
    @Benchmark
    public byte[] hsetPaged() {
        int field = (next = (next + 7919) % fields);
        return store.fieldPut(hash, names[field], ("v" + next).getBytes(StandardCharsets.US_ASCII));
    }

    /** ZADD of an existing member with a new score, as MemberScores does it on a paged sorted set. */
    @Benchmark
    public byte[] zaddPaged() {
        int member = (next = (next + 7919) % fields);
        return store.fieldPut(zset, names[member], score(next));
    }

    /** The same HSET with the single-entry encoding: the whole payload read, decoded, re-encoded, rewritten. */
    @Benchmark
    public int hsetWholeEntry() {
        StoredValue old = store.peek(compact);
        List<byte[]> elements = CollectionCodec.decode(old.value());
        int field = (next = (next + 7919) % fields);
        elements.set(2 * field + 1, ("v" + next).getBytes(StandardCharsets.US_ASCII));
        byte[] payload = CollectionCodec.encode(elements);
        store.put(compact, ValueType.STRING, payload, old.expireAtMillis(), false);
        return payload.length;
    }
}
