package io.augur.server.cli.load;

import io.augur.predictor.eval.Trace;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.output.ValueOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Replays a trace as a cache-aside application does: GET each read, and on a miss SET a value of a
 * given size; counts the hits the client saw. Connections are one per trace client or a pool.
 */
public final class CacheAsideReplay {

    /*
     * Order: a trace client's reads form a chain: its next GET is sent when its previous GET (and
     * SET, after a miss) has been answered, as one user's requests are. Reads of different clients
     * overlap, so a pooled connection carries several users' commands at once (pipelining), and
     * nothing is reordered within one client. Reads enter their chains in trace order, at most
     * inFlight unanswered at a time (default DEFAULT_IN_FLIGHT), so the order the server sees
     * drifts from the trace's by less than the window (a small fraction of any cache size worth
     * measuring). The window also sets how soon a user's next read follows its previous one: with
     * more reads in flight than users, a user's next read is often already queued and goes out the
     * moment the previous reply arrives (back to back, as the reads of one page render do); with
     * fewer, each user waits its turn in trace order (as users with think time do).
     *
     * Pooled connections are taken round-robin: Lettuce multiplexes, so every connection of the
     * pool is free to take one more command, and round-robin spreads each user's reads over the
     * pool as an application's pool does.
     */

    /** Reads sent or queued but not yet answered, all clients together, unless told otherwise. */
    public static final int DEFAULT_IN_FLIGHT = 256;

    /** How reads map to connections. */
    public enum Pooling {
        /** One connection per trace client: the client id picks the connection. */
        PER_CLIENT,
        /** N connections; each read goes to the next one, round-robin. */
        POOLED
    }

    /** What the clients saw. */
    public record Result(long reads, long hits, long misses, long errors, String firstError, int connections,
                         int clients, double seconds) {
        public double hitRatio() {
            return reads == 0 ? 0 : (double) hits / reads;
        }
    }

    private final RedisClient client;
    private final Pooling pooling;
    private final int poolSize;
    private final byte[] value;
    private final byte[] keyPrefix;
    private final int inFlight;
    private boolean contextHint;

    /**
     * @param poolSize  connections when pooled (ignored per client)
     * @param valueSize bytes of the value SET after a miss
     * @param keyPrefix prepended to every trace key
     */
    public CacheAsideReplay(RedisClient client, Pooling pooling, int poolSize, int valueSize, byte[] keyPrefix) {
        this(client, pooling, poolSize, valueSize, keyPrefix, DEFAULT_IN_FLIGHT);
    }

    /** As above, with at most {@code inFlight} reads unanswered at a time. */
    public CacheAsideReplay(RedisClient client, Pooling pooling, int poolSize, int valueSize, byte[] keyPrefix,
                            int inFlight) {
        if (inFlight < 1) {
            throw new IllegalArgumentException("in-flight: " + inFlight + " (expected: >= 1)");
        }
        this.inFlight = inFlight;
        if (poolSize < 1) {
            throw new IllegalArgumentException("connections: " + poolSize + " (expected: >= 1)");
        }
        if (valueSize < 0) {
            throw new IllegalArgumentException("value size: " + valueSize + " (expected: >= 0)");
        }
        this.client = client;
        this.pooling = pooling;
        this.poolSize = poolSize;
        this.value = new byte[valueSize];
        Arrays.fill(value, (byte) 'v');
        this.keyPrefix = keyPrefix.clone();
    }

    /**
     * Sends {@code AUGUR.CONTEXT user:<id>} with each GET, in the same write, as an application on a
     * pool that names the user it serves would: the hint that lets a pooled connection's reads be
     * told apart per user when the keys do not name one.
     */
    public CacheAsideReplay withContextHint() {
        this.contextHint = true;
        return this;
    }

    /** Replays every read of {@code trace} and waits for the last reply. */
    public Result run(Trace trace) {
        int[] userOf = denseClients(trace.clients());
        int users = Arrays.stream(userOf).max().orElse(-1) + 1;
        int connectionCount = pooling == Pooling.PER_CLIENT ? Math.max(1, users) : poolSize;
        List<StatefulRedisConnection<byte[], byte[]>> connections = new ArrayList<>(connectionCount);
        LongAdder hits = new LongAdder();
        LongAdder misses = new LongAdder();
        LongAdder errors = new LongAdder();
        AtomicReference<String> firstError = new AtomicReference<>("");
        long start = System.nanoTime();
        try {
            for (int c = 0; c < connectionCount; c++) {
                connections.add(client.connect(ByteArrayCodec.INSTANCE));
            }
            @SuppressWarnings("unchecked")
            CompletableFuture<Void>[] chain = new CompletableFuture[Math.max(1, users)];
            Arrays.fill(chain, CompletableFuture.completedFuture(null));
            Semaphore window = new Semaphore(inFlight);
            int next = 0;
            for (int i = 0; i < trace.reads(); i++) {
                int user = userOf[i];
                StatefulRedisConnection<byte[], byte[]> connection = pooling == Pooling.PER_CLIENT
                        ? connections.get(user) : connections.get(next++ % connectionCount);
                byte[] key = fullKey(trace.table().key(trace.keys()[i]));
                window.acquireUninterruptibly();
                byte[] context = contextHint ? ("user:" + trace.clients()[i]).getBytes(StandardCharsets.US_ASCII) : null;
                chain[user] = chain[user].thenCompose(previous -> read(connection, context, key, hits, misses, errors,
                                firstError))
                        .whenComplete((ok, failure) -> window.release());
            }
            for (CompletableFuture<Void> f : chain) {
                f.join();
            }
        } finally {
            connections.forEach(StatefulRedisConnection::close);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(trace.reads(), hits.sum(), misses.sum(), errors.sum(), firstError.get(), connectionCount,
                users, seconds);
    }

    /** GET; on a miss, SET the value, as the application would after asking its database. Never fails. */
    private CompletableFuture<Void> read(StatefulRedisConnection<byte[], byte[]> connection, byte[] context,
                                         byte[] key, LongAdder hits, LongAdder misses, LongAdder errors,
                                         AtomicReference<String> firstError) {
        return get(connection, context, key)
                .thenCompose(v -> {
                    if (v != null) {
                        hits.increment();
                        return CompletableFuture.completedFuture((Void) null);
                    }
                    misses.increment();
                    return set(connection, context, key).thenApply(ok -> (Void) null);
                })
                .handle((ok, failure) -> {
                    if (failure != null) {
                        errors.increment();
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        firstError.compareAndSet("", String.valueOf(cause.getMessage()));
                    }
                    return null;
                });
    }

    /**
     * GET, after the context hint in the same write when there is one (other users' commands cannot
     * come between).
     */
    private static CompletableFuture<byte[]> get(StatefulRedisConnection<byte[], byte[]> connection, byte[] context,
                                                 byte[] key) {
        if (context == null) {
            return connection.async().get(key).toCompletableFuture();
        }
        return hinted(connection, context, new Command<>(CommandType.GET, new ValueOutput<>(ByteArrayCodec.INSTANCE),
                new CommandArgs<>(ByteArrayCodec.INSTANCE).addKey(key)));
    }

    /**
     * SET of the value after a miss, hinted like the GET: on a pool, the connection's last hint may
     * be another user's by now (its commands went out meanwhile), and the write would join that
     * user's sequence. An application that names its user names it on every command it sends.
     */
    private CompletableFuture<String> set(StatefulRedisConnection<byte[], byte[]> connection, byte[] context,
                                          byte[] key) {
        if (context == null) {
            return connection.async().set(key, value).toCompletableFuture();
        }
        return hinted(connection, context, new Command<>(CommandType.SET, new StatusOutput<>(ByteArrayCodec.INSTANCE),
                new CommandArgs<>(ByteArrayCodec.INSTANCE).addKey(key).addValue(value)));
    }

    /** AUGUR.CONTEXT {@code context}, then the command, in one write. */
    private static <T> CompletableFuture<T> hinted(StatefulRedisConnection<byte[], byte[]> connection, byte[] context,
                                                   Command<byte[], byte[], T> command) {
        AsyncCommand<byte[], byte[], String> hint = new AsyncCommand<>(new Command<>(Keyword.AUGUR_CONTEXT,
                new StatusOutput<>(ByteArrayCodec.INSTANCE), new CommandArgs<>(ByteArrayCodec.INSTANCE).add(context)));
        AsyncCommand<byte[], byte[], T> hintedCommand = new AsyncCommand<>(command);
        connection.dispatch(List.of(hint, hintedCommand));
        return hint.toCompletableFuture().thenCompose(ok -> hintedCommand.toCompletableFuture());
    }

    private enum Keyword implements ProtocolKeyword {
        AUGUR_CONTEXT;

        @Override
        public byte[] getBytes() {
            return "AUGUR.CONTEXT".getBytes(StandardCharsets.US_ASCII);
        }
    }

    private byte[] fullKey(byte[] key) {
        byte[] full = Arrays.copyOf(keyPrefix, keyPrefix.length + key.length);
        System.arraycopy(key, 0, full, keyPrefix.length, key.length);
        return full;
    }

    /** Trace client ids (any ints) to 0..users-1, in order of first appearance. */
    static int[] denseClients(int[] clients) {
        Map<Integer, Integer> ids = new HashMap<>();
        int[] dense = new int[clients.length];
        for (int i = 0; i < clients.length; i++) {
            dense[i] = ids.computeIfAbsent(clients[i], c -> ids.size());
        }
        return dense;
    }
}
