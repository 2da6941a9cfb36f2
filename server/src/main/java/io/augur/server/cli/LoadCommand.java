package io.augur.server.cli;

import io.augur.predictor.eval.Trace;
import io.augur.predictor.eval.TraceReader;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * `augur load`: replays a trace's reads as GETs against a running server over several connections at
 * a fixed total rate, and reports what the clients measured: hits, GET latency percentiles.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Replay a trace as GETs over several connections at a fixed rate; print client-side hits and latency.")
public final class LoadCommand implements Callable<Integer> {

    /*
     * Each connection replays its own contiguous slice of the trace, so each sees a sequence with
     * the trace's structure (round-robin would hand every client every N-th read). A client cannot
     * see whether the server hit: with read-through every GET returns a value. It classifies a GET
     * slower than --miss-threshold (half the origin latency, by default) as a miss, and the script
     * compares that with the server's keyspace_hits.
     */

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--trace", required = true, paramLabel = "FILE", description = "the trace whose reads become GETs")
    private Path trace;

    @Option(names = {"-h", "--host"}, defaultValue = "127.0.0.1", description = "server host (default: ${DEFAULT-VALUE})")
    private String host;

    @Option(names = {"-p", "--port"}, defaultValue = "6379", description = "server port (default: ${DEFAULT-VALUE})")
    private int port;

    @Option(names = "--connections", defaultValue = "4", description = "client connections (default: ${DEFAULT-VALUE})")
    private int connections;

    @Option(names = "--rate", defaultValue = "2000", description = "GETs per second, all connections together (default: ${DEFAULT-VALUE})")
    private double rate;

    @Option(names = "--reads", description = "replay only the first READS reads of the trace")
    private Integer reads;

    @Option(names = "--key-prefix", defaultValue = "", description = "prepended to every trace key")
    private String keyPrefix;

    @Option(names = "--miss-threshold", defaultValue = "2.5", paramLabel = "MS",
            description = "a GET slower than this many milliseconds counts as a miss (default: ${DEFAULT-VALUE})")
    private double missThresholdMillis;

    @Override
    public Integer call() throws Exception {
        Trace t = TraceReader.read(trace);
        if (reads != null) {
            t = t.head(reads);
        }
        int n = t.reads();
        long[] latencies = new long[n];
        AtomicLong errors = new AtomicLong();
        RedisClient client = RedisClient.create(RedisURI.builder().withHost(host).withPort(port)
                .withTimeout(Duration.ofSeconds(10)).build());
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
        byte[] prefix = keyPrefix.getBytes(java.nio.charset.StandardCharsets.UTF_8);
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
        out.printf(Locale.ROOT, "get_mean_ms:%.3f%n", Arrays.stream(latencies).average().orElse(0) / 1e6);
        out.printf(Locale.ROOT, "errors:%d%n", errors);
        out.printf(Locale.ROOT, "achieved_rate:%.1f%n", latencies.length / seconds);
        out.flush();
    }

    private static double percentile(long[] sorted, double q) {
        return sorted.length == 0 ? 0 : sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
    }
}
