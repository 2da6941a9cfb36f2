package io.augur.server.origin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * An origin that invents deterministic values after a configured latency, for tests, demos and benchmarks.
 */
public final class SimulatedOrigin implements Origin {

    /** Value length when the URI gives no {@code size}, in bytes. */
    public static final int DEFAULT_VALUE_BYTES = 100;

    /*
     * Determinism: whether a key is absent or fails depends only on a hash of its bytes, so a
     * test or a benchmark sees the same keys missing on every run and every machine. Jitter is
     * random per call, since real latency varies per call too.
     *
     * Change: with a ChangeSchedule a key's value carries its version ("v3:value-of:key…"),
     * computed from the clock when the answer is made, so the origin knows the truth at any
     * instant. Version 0 is the plain value, so a schedule that never changes adds nothing.
     *
     * Threads: completions are scheduled on one daemon thread; it only completes futures, so a
     * single thread keeps up with hundreds of thousands of calls per second.
     */

    private static final byte[] VALUE_PREFIX = "value-of:".getBytes(StandardCharsets.US_ASCII);
    /** Salts that make the absent and the error decisions independent of each other. */
    private static final long MISSING_SALT = 0x6D697373696E6721L;
    private static final long ERROR_SALT = 0x6572726F72732121L;

    private final long latencyNanos;
    private final long jitterNanos;
    private final double missingFraction;
    private final double errorFraction;
    private final int valueBytes;
    private final ChangeSchedule changes;
    private final LongSupplier clockMillis;
    private final ScheduledThreadPoolExecutor scheduler;
    private final LongAdder requests = new LongAdder();

    public SimulatedOrigin(Duration latency, Duration jitter, double missingFraction, double errorFraction,
                           int valueBytes) {
        this(latency, jitter, missingFraction, errorFraction, valueBytes, ChangeSchedule.NEVER,
                System::currentTimeMillis);
    }

    /** With values that change over time as {@code changes} says, on the clock {@code clockMillis}. */
    public SimulatedOrigin(Duration latency, Duration jitter, double missingFraction, double errorFraction,
                           int valueBytes, ChangeSchedule changes, LongSupplier clockMillis) {
        if (missingFraction + errorFraction > 1.0) {
            throw new IllegalArgumentException("missing + errors: " + (missingFraction + errorFraction)
                    + " (expected: <= 1.0)");
        }
        this.latencyNanos = latency.toNanos();
        this.jitterNanos = jitter.toNanos();
        this.missingFraction = missingFraction;
        this.errorFraction = errorFraction;
        this.valueBytes = valueBytes;
        this.changes = changes;
        this.clockMillis = clockMillis;
        this.scheduler = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "augur-origin-sim");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
    }

    /**
     * Parses the query of {@code sim://?latency=5ms&jitter=1ms&missing=0.0&errors=0.0&size=100&change=user:*=1s}
     * ({@code change}: see {@link ChangeSchedule#parse}).
     */
    static SimulatedOrigin fromQuery(String query, OriginSettings settings) {
        UriQuery params = UriQuery.parse(query, Set.of("latency", "jitter", "missing", "errors", "size", "change"));
        return new SimulatedOrigin(
                params.duration("latency", Duration.ZERO),
                params.duration("jitter", Duration.ZERO),
                params.fraction("missing", 0.0),
                params.fraction("errors", 0.0),
                (int) params.integer("size", DEFAULT_VALUE_BYTES, 0, settings.maxValueBytes()),
                ChangeSchedule.parse(params.text("change", "")), settings.clockMillis());
    }

    /**
     * The value {@code key} has at {@code nowMillis}: {@link #expectedValue} while its version is 0,
     * then {@code "v<version>:value-of:" + key}, repeated or cut to {@code size} bytes.
     */
    public byte[] valueAt(byte[] key, long nowMillis) {
        long version = changes.version(key, nowMillis);
        if (version == 0) {
            return expectedValue(key, valueBytes);
        }
        byte[] tag = ("v" + version + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] pattern = new byte[tag.length + VALUE_PREFIX.length + key.length];
        System.arraycopy(tag, 0, pattern, 0, tag.length);
        System.arraycopy(VALUE_PREFIX, 0, pattern, tag.length, VALUE_PREFIX.length);
        System.arraycopy(key, 0, pattern, tag.length + VALUE_PREFIX.length, key.length);
        return repeated(pattern, valueBytes);
    }

    /** The schedule its values change on. */
    public ChangeSchedule changes() {
        return changes;
    }

    /** The value this origin returns for {@code key}: {@code "value-of:" + key}, repeated or cut to {@code size} bytes. */
    public static byte[] expectedValue(byte[] key, int size) {
        byte[] pattern = new byte[VALUE_PREFIX.length + key.length];
        System.arraycopy(VALUE_PREFIX, 0, pattern, 0, VALUE_PREFIX.length);
        System.arraycopy(key, 0, pattern, VALUE_PREFIX.length, key.length);
        return repeated(pattern, size);
    }

    private static byte[] repeated(byte[] pattern, int size) {
        byte[] value = new byte[size];
        for (int i = 0; i < size; i++) {
            value[i] = pattern[i % pattern.length];
        }
        return value;
    }

    @Override
    public CompletableFuture<byte[]> fetch(byte[] key) {
        requests.increment();
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Runnable answer = () -> answer(key, result);
        long delayNanos = delayNanos();
        if (delayNanos == 0) {
            answer.run();
            return result;
        }
        try {
            scheduler.schedule(answer, delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new OriginException("simulated origin closed"));
        }
        return result;
    }

    /** Backend calls received so far, including ones still waiting out their latency. */
    public long requests() {
        return requests.sum();
    }

    @Override
    public String describe() {
        return "sim://?latency=" + latencyNanos / 1000 + "us&jitter=" + jitterNanos / 1000 + "us&missing="
                + missingFraction + "&errors=" + errorFraction + "&size=" + valueBytes
                + (changes == ChangeSchedule.NEVER ? "" : "&change=" + changes);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private void answer(byte[] key, CompletableFuture<byte[]> result) {
        if (unitHash(key, ERROR_SALT) < errorFraction) {
            result.completeExceptionally(new OriginException("simulated origin error"));
        } else if (unitHash(key, MISSING_SALT) < missingFraction) {
            result.complete(null);
        } else {
            result.complete(valueAt(key, clockMillis.getAsLong()));
        }
    }

    private long delayNanos() {
        if (jitterNanos == 0) {
            return latencyNanos;
        }
        long offset = ThreadLocalRandom.current().nextLong(-jitterNanos, jitterNanos + 1);
        return Math.max(0, latencyNanos + offset);
    }

    /** A uniform number in [0, 1) from {@code key}'s bytes, the same on every run (benchmarks group keys by it). */
    public static double unitHashOf(byte[] key) {
        return unitHash(key, 0);
    }

    /** A uniform number in [0, 1) from the key's bytes: FNV-1a, then a 64-bit finalizer to spread short keys. */
    static double unitHash(byte[] key, long salt) {
        long h = 0xCBF29CE484222325L ^ salt;
        for (byte b : key) {
            h ^= b & 0xFF;
            h *= 0x100000001B3L;
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }
}
