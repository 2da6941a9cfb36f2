package io.augur.server.cli;

import io.augur.predictor.eval.Trace;
import io.augur.predictor.eval.TraceReader;
import io.augur.server.cli.load.CacheAsideReplay;
import io.augur.server.cli.load.CacheAsideReport;
import io.augur.server.cli.load.ServerCounters;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * `augur load`: replays a trace's reads as GETs against a running server, and reports what the
 * clients measured: at a fixed rate against read-through (hits by latency), or as a cache-aside
 * application (GET, SET on a miss) whose hits are the GETs that found a value.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = {"Replay a trace as GETs against a running server; print what the clients measured.",
                "read-through (default): several connections at a fixed rate; hits and latency.",
                "cache-aside: GET each read, SET a value on a miss, as an application does; hit ratio."})
public final class LoadCommand implements Callable<Integer> {

    /*
     * Read-through: each connection replays its own contiguous slice of the trace, so each sees a sequence with
     * the trace's structure (round-robin would hand every client every N-th read). A client cannot
     * see whether the server hit: with read-through every GET returns a value. It classifies a GET
     * slower than --miss-threshold (half the origin latency, by default) as a miss, and the script
     * compares that with the server's keyspace_hits.
     *
     * Cache-aside: the client knows its hits (a GET that found a value), and keeps each trace
     * client's reads in order; see CacheAsideReplay.
     */

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--trace", required = true, paramLabel = "FILE", description = "the trace whose reads become GETs")
    private Path trace;

    // No -h: with the standard help options, -h is --help (as for redis-cli users, --host is spelled out).
    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST", description = "server host (default: ${DEFAULT-VALUE})")
    private String host;

    @Option(names = {"-p", "--port"}, defaultValue = "6379", paramLabel = "PORT", description = "server port (default: ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--mode", defaultValue = "read-through", paramLabel = "MODE",
            description = "read-through or cache-aside (default: ${DEFAULT-VALUE})")
    private String mode;

    @Option(names = "--connections", defaultValue = "4", paramLabel = "N",
            description = "client connections; cache-aside: the pool's size (default: ${DEFAULT-VALUE})")
    private int connections;

    @Option(names = "--per-client", description = "cache-aside: one connection per trace client (the client id picks it)")
    private boolean perClient;

    @Option(names = "--pooled", description = "cache-aside: --connections N shared by all clients, round-robin (the default)")
    private boolean pooled;

    @Option(names = "--context-hint", description = "cache-aside: send AUGUR.CONTEXT user:<client> with each GET and SET "
            + "(what an application on a pool that names its user sends)")
    private boolean contextHint;

    @Option(names = "--value-size", defaultValue = "100", paramLabel = "BYTES",
            description = "cache-aside: bytes of the value SET after a miss (default: ${DEFAULT-VALUE})")
    private int valueSize;

    @Option(names = "--in-flight", defaultValue = "256", paramLabel = "N",
            description = "cache-aside: reads unanswered at a time, all clients together; above the number of clients, "
                    + "a client's next read often follows its previous one at once (default: ${DEFAULT-VALUE})")
    private int inFlight;

    @Option(names = "--json", description = "cache-aside: one JSON line instead of name:value lines")
    private boolean json;

    @Option(names = "--rate", defaultValue = "2000", paramLabel = "PER_SECOND", description = "read-through: GETs per second, all connections together (default: ${DEFAULT-VALUE})")
    private double rate;

    @Option(names = "--reads", paramLabel = "READS", description = "replay only the first READS reads of the trace")
    private Integer reads;

    @Option(names = "--key-prefix", defaultValue = "", paramLabel = "PREFIX", description = "prepended to every trace key")
    private String keyPrefix;

    @Option(names = "--miss-threshold", defaultValue = "2.5", paramLabel = "MS",
            description = "read-through: a GET slower than this many milliseconds counts as a miss (default: ${DEFAULT-VALUE})")
    private double missThresholdMillis;

    @Override
    public Integer call() throws Exception {
        if (!mode.equals("read-through") && !mode.equals("cache-aside")) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--mode: " + mode + " (expected: read-through or cache-aside)");
        }
        if (perClient && pooled) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--per-client and --pooled exclude each other");
        }
        if (connections < 1 || valueSize < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--connections must be positive and --value-size not negative");
        }
        Trace t = TraceReader.read(trace);
        if (reads != null) {
            t = t.head(reads);
        }
        return mode.equals("cache-aside") ? cacheAside(t) : readThrough(t);
    }

    private int cacheAside(Trace t) {
        CacheAsideReplay.Pooling pooling = perClient ? CacheAsideReplay.Pooling.PER_CLIENT : CacheAsideReplay.Pooling.POOLED;
        RedisClient client = client();
        try {
            CacheAsideReplay replay = new CacheAsideReplay(client, pooling, connections, valueSize,
                    keyPrefix.getBytes(StandardCharsets.UTF_8), inFlight);
            CacheAsideReplay.Result result = (contextHint ? replay.withContextHint() : replay).run(t);
            Map<String, String> counters;
            try (StatefulRedisConnection<String, String> info = client.connect()) {
                counters = ServerCounters.parse(info.sync().info("all"));
            } catch (RedisException e) { // the server is gone: what the clients saw is still the result
                spec.commandLine().getErr().println("augur load: no INFO from the server: " + e.getMessage());
                counters = Map.of();
            }
            CacheAsideReport.print(spec.commandLine().getOut(), pooling, result, counters, json);
            return result.errors() == 0 ? 0 : 1;
        } finally {
            client.shutdown();
        }
    }

    /**
     * A client that fails a command at once when its connection is gone. Lettuce's defaults
     * reconnect and hold the commands meanwhile: a server that died mid-run left the load waiting
     * for replies that never came, each user's next read queued behind its last.
     */
    private RedisClient client() {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost(host).withPort(port)
                .withTimeout(Duration.ofSeconds(10)).build());
        client.setOptions(ClientOptions.builder().autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(10))).build());
        return client;
    }

    private int readThrough(Trace t) throws InterruptedException {
        int n = t.reads();
        long[] latencies = new long[n];
        AtomicLong errors = new AtomicLong();
        RedisClient client = client();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        try {
            for (int c = 0; c < connections; c++) {
                int from = (int) ((long) n * c / connections);
                int to = (int) ((long) n * (c + 1) / connections);
                StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
                Trace slice = t;
                Thread thread = new Thread(() -> replay(connection, slice, from, to, latencies, errors, start),
                        "augur-load-" + c);
                threads.add(thread);
                thread.start();
            }
            for (Thread thread : threads) {
                thread.join();
            }
        } finally {
            client.shutdown();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report(spec.commandLine().getOut(), latencies, errors.get(), seconds);
        return errors.get() == 0 ? 0 : 1;
    }

    /** Sends this connection's slice at its share of the rate; latency from send to reply, in ns. */
    private void replay(StatefulRedisConnection<byte[], byte[]> connection, Trace t, int from, int to,
                        long[] latencies, AtomicLong errors, long start) {
        double intervalNanos = 1e9 * connections / rate;
        byte[] prefix = keyPrefix.getBytes(StandardCharsets.UTF_8);
        try (connection) {
            for (int i = from; i < to; i++) {
                long due = start + (long) ((i - from) * intervalNanos);
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                byte[] key = t.table().key(t.keys()[i]);
                byte[] fullKey = Arrays.copyOf(prefix, prefix.length + key.length);
                System.arraycopy(key, 0, fullKey, prefix.length, key.length);
                long sent = System.nanoTime();
                try {
                    connection.sync().get(fullKey);
                } catch (RuntimeException e) {
                    errors.incrementAndGet();
                }
                latencies[i] = System.nanoTime() - sent;
            }
        }
    }

    private void report(PrintWriter out, long[] latencies, long errors, double seconds) {
        long threshold = (long) (missThresholdMillis * 1e6);
        long hits = Arrays.stream(latencies).filter(l -> l < threshold).count();
        long[] sorted = latencies.clone();
        Arrays.sort(sorted);
        out.printf(Locale.ROOT, "reads:%d%n", latencies.length);
        out.printf(Locale.ROOT, "client_hits:%d%n", hits);
        out.printf(Locale.ROOT, "client_hit_ratio:%.4f%n", latencies.length == 0 ? 0 : (double) hits / latencies.length);
        out.printf(Locale.ROOT, "get_p50_ms:%.3f%n", percentile(sorted, 0.50) / 1e6);
        out.printf(Locale.ROOT, "get_p99_ms:%.3f%n", percentile(sorted, 0.99) / 1e6);
        out.printf(Locale.ROOT, "get_p999_ms:%.3f%n", percentile(sorted, 0.999) / 1e6);
        out.printf(Locale.ROOT, "get_mean_ms:%.3f%n", Arrays.stream(latencies).average().orElse(0) / 1e6);
        out.printf(Locale.ROOT, "errors:%d%n", errors);
        out.printf(Locale.ROOT, "achieved_rate:%.1f%n", latencies.length / seconds);
        out.flush();
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
