package io.augur.server.testing;

import io.augur.predictor.model.Predictor;
import io.augur.server.AugurServer;
import io.augur.server.config.ServerConfig;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * A real Augur server started in this JVM on a free loopback port, with its data in a test
 * directory, plus real clients for it (Lettuce, redis-cli, raw sockets).
 */
public final class RunningServer implements AutoCloseable {

    private final Path dir;
    private final String[] settings;
    private final List<RedisClient> clients = new ArrayList<>();
    private final UnaryOperator<Function<String, Predictor>> predictors;
    private LongSupplier clockMillis = System::currentTimeMillis;
    private AugurServer server;

    private RunningServer(Path dir, UnaryOperator<Function<String, Predictor>> predictors, String... settings) {
        this.dir = dir;
        this.predictors = predictors;
        this.settings = settings;
    }

    /** Starts a server; {@code settings} are name/value pairs as on the command line, without "--". */
    public static RunningServer start(Path dir, String... settings) throws Exception {
        return start(dir, UnaryOperator.identity(), settings);
    }

    /** Starts a server whose predictors, built by name, go through {@code predictors} first (fault injection). */
    public static RunningServer start(Path dir, UnaryOperator<Function<String, Predictor>> predictors,
                                      String... settings) throws Exception {
        RunningServer running = new RunningServer(dir, predictors, settings);
        running.startServer();
        return running;
    }

    /** Starts a server on the clock {@code clockMillis} (expiry, origin values, refresh-ahead): a test steps time. */
    public static RunningServer startOnClock(Path dir, LongSupplier clockMillis, String... settings) throws Exception {
        RunningServer running = new RunningServer(dir, UnaryOperator.identity(), settings);
        running.clockMillis = clockMillis;
        running.startServer();
        return running;
    }

    private void startServer() throws Exception {
        ServerConfig config = new ServerConfig();
        config.set("port", "0");
        config.set("dir", dir.toString());
        config.set("store-entries", "10000");
        config.set("metrics-port", "0");
        for (int i = 0; i + 1 < settings.length; i += 2) {
            config.set(settings[i], settings[i + 1]);
        }
        server = AugurServer.start(config, predictors, clockMillis);
    }

    public int port() {
        return server.port();
    }

    public AugurServer server() {
        return server;
    }

    public Path dir() {
        return dir;
    }

    /** Stops cleanly (as SHUTDOWN or SIGTERM would) and starts again on the same data directory. */
    public void restart() throws Exception {
        closeClients();
        server.close();
        server.awaitStop(); // a SHUTDOWN may be closing it on its own thread: its store must be released first
        startServer();
    }

    /** A Lettuce client with string keys and values (RESP3 handshake, as Lettuce does by default). */
    public RedisCommands<String, String> lettuce() {
        return connect().sync();
    }

    public StatefulRedisConnection<String, String> connect() {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(port())
                .withTimeout(Duration.ofSeconds(10)).build());
        clients.add(client);
        return client.connect();
    }

    /** A Lettuce client with byte[] keys and values. */
    public RedisCommands<byte[], byte[]> binary() {
        RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(port())
                .withTimeout(Duration.ofSeconds(10)).build());
        clients.add(client);
        return client.connect(io.lettuce.core.codec.ByteArrayCodec.INSTANCE).sync();
    }

    /** Runs redis-cli against this server and returns its standard output. */
    public String redisCli(String... args) throws Exception {
        return RedisCli.run(port(), args);
    }

    private void closeClients() {
        clients.forEach(c -> c.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
        clients.clear();
    }

    @Override
    public void close() {
        closeClients();
        if (server != null) {
            server.close();
        }
    }
}
