package io.augur.server.origin;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An origin that is an upstream Redis: {@code GET key} over one shared Lettuce connection.
 */
final class RedisOrigin implements Origin {

    /** Lettuce I/O threads: one multiplexed connection needs few. */
    static final int IO_THREADS = 2;
    /** Time to open the TCP (and TLS) connection, in milliseconds. */
    static final long CONNECT_TIMEOUT_MILLIS = 2000;
    /** Time close() waits for Lettuce's threads to stop, in milliseconds. */
    static final long SHUTDOWN_TIMEOUT_MILLIS = 2000;

    /*
     * Connection: opened on the first fetch, not at startup, so a server can start while its
     * origin is down. Once open, Lettuce reconnects by itself; while it is disconnected,
     * commands are rejected rather than buffered, so an outage fails fast into the breaker
     * instead of piling up an unbounded queue. A failed first connect is retried on the next
     * fetch.
     *
     * Timeouts: Lettuce cancels each command at the current origin timeout (read on every
     * command, so CONFIG SET applies), so a hung upstream does not keep commands in its queue.
     */

    private final RedisURI uri;
    private final OriginSettings settings;
    private final ClientResources resources;
    private final RedisClient client;
    private final AtomicReference<CompletableFuture<StatefulRedisConnection<byte[], byte[]>>> connection =
            new AtomicReference<>();
    private volatile boolean closed;

    RedisOrigin(String uri, OriginSettings settings) {
        try {
            this.uri = RedisURI.create(uri);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("origin: " + redact(uri) + " (expected: redis[s]://[:password@]host:port[/db])");
        }
        this.settings = settings;
        this.resources = DefaultClientResources.builder()
                .ioThreadPoolSize(IO_THREADS)
                .computationThreadPoolSize(IO_THREADS)
                .build();
        this.client = RedisClient.create(resources);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(CONNECT_TIMEOUT_MILLIS)).build())
                .timeoutOptions(TimeoutOptions.builder().timeoutSource(new SettingsTimeout(settings)).build())
                .build());
    }

    @Override
    public CompletableFuture<byte[]> fetch(byte[] key) {
        long timeoutMillis = settings.timeoutMillis();
        return connection()
                .thenCompose(open -> open.async().get(key).toCompletableFuture())
                .handle((value, error) -> interpret(value, error, timeoutMillis));
    }

    /** Gives Lettuce's failures the origin's exception types, so callers handle one family. */
    private static byte[] interpret(byte[] value, Throwable error, long timeoutMillis) {
        if (error == null) {
            return value;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof OriginException origin) {
            throw origin;
        }
        if (cause instanceof RedisCommandTimeoutException) {
            throw new OriginTimeoutException(timeoutMillis);
        }
        throw new OriginException("redis origin: " + cause.getMessage(), cause);
    }

    private CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connection() {
        while (true) {
            if (closed) {
                return CompletableFuture.failedFuture(new OriginException("redis origin closed"));
            }
            CompletableFuture<StatefulRedisConnection<byte[], byte[]>> current = connection.get();
            if (current != null && !current.isCompletedExceptionally()) {
                return current;
            }
            CompletableFuture<StatefulRedisConnection<byte[], byte[]>> attempt = new CompletableFuture<>();
            if (connection.compareAndSet(current, attempt)) {
                client.connectAsync(ByteArrayCodec.INSTANCE, uri).whenComplete((open, error) -> {
                    if (error != null) {
                        attempt.completeExceptionally(new OriginException(
                                "redis origin: cannot connect to " + describe() + ": " + error.getMessage(), error));
                    } else {
                        attempt.complete(open);
                    }
                });
                return attempt;
            }
        }
    }

    @Override
    public String describe() {
        return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    @Override
    public void close() {
        closed = true;
        // Shutting the client down closes its connections too; closing them first only logs warnings.
        client.shutdown(Duration.ZERO, Duration.ofMillis(SHUTDOWN_TIMEOUT_MILLIS));
        resources.shutdown(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The URI without its password, for error messages. */
    private static String redact(String uri) {
        return uri.replaceAll("//[^@/]*@", "//***@");
    }

    /** Lettuce's per-command timeout, following the origin timeout as it changes. */
    private static final class SettingsTimeout extends TimeoutOptions.TimeoutSource {
        private final OriginSettings settings;

        SettingsTimeout(OriginSettings settings) {
            this.settings = settings;
        }

        @Override
        public long getTimeout(RedisCommand<?, ?, ?> command) {
            return settings.timeoutMillis();
        }

        @Override
        public TimeUnit getTimeUnit() {
            return TimeUnit.MILLISECONDS;
        }
    }
}
