package io.augur.server;

import io.augur.server.access.AccessRecorder;
import io.augur.server.client.ClientRegistry;
import io.augur.server.command.CommandTable;
import io.augur.server.config.ServerConfig;
import io.augur.server.info.InfoSection;
import io.augur.server.store.Store;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/** What commands can reach: the store, the settings, the clients, the counters and the command table. */
public final class ServerContext {

    private final ServerConfig config;
    private final Store store;
    private final ServerStats stats = new ServerStats();
    private final ClientRegistry clients = new ClientRegistry();
    private final CommandTable commands = new CommandTable();
    private final LongSupplier clockMillis;
    private final List<InfoSection> extraInfo = new CopyOnWriteArrayList<>();
    private final LongAdder prefetchedReads = new LongAdder();
    private final io.augur.server.command.connection.AuthThrottle authThrottle =
            new io.augur.server.command.connection.AuthThrottle();
    private volatile AccessRecorder accessRecorder = AccessRecorder.NONE;
    private volatile Runnable shutdown = () -> { };
    private volatile int boundPort;
    private volatile io.augur.server.prefetch.ReadThrough readThrough;
    private volatile java.util.function.Function<Integer, java.util.concurrent.CompletionStage<io.augur.server.prefetch.WarmResult>> warmer;

    public ServerContext(ServerConfig config, Store store, LongSupplier clockMillis) {
        this.config = config;
        this.store = store;
        this.clockMillis = clockMillis;
    }

    public ServerConfig config() { return config; }
    public Store store() { return store; }
    public ServerStats stats() { return stats; }
    public ClientRegistry clients() { return clients; }
    public CommandTable commands() { return commands; }
    public long nowMillis() { return clockMillis.getAsLong(); }
    public io.augur.server.command.connection.AuthThrottle authThrottle() { return authThrottle; }
    public AccessRecorder accessRecorder() { return accessRecorder; }
    public void accessRecorder(AccessRecorder recorder) { this.accessRecorder = recorder; }
    public List<InfoSection> extraInfo() { return extraInfo; }
    public void addInfoSection(InfoSection section) { extraInfo.add(section); }

    /** Reads that found an entry the prefetcher loaded and nobody had read yet ("prefetch used"). */
    public LongAdder prefetchedReads() { return prefetchedReads; }

    /** Loads GET misses from the origin when enabled; null when no origin is configured. */
    public io.augur.server.prefetch.ReadThrough readThrough() { return readThrough; }
    /** Warms the most read keys (AUGUR.WARM); null without an origin. */
    public java.util.function.Function<Integer, java.util.concurrent.CompletionStage<io.augur.server.prefetch.WarmResult>> warmer() { return warmer; }
    public void warmer(java.util.function.Function<Integer, java.util.concurrent.CompletionStage<io.augur.server.prefetch.WarmResult>> value) { this.warmer = value; }
    public void readThrough(io.augur.server.prefetch.ReadThrough value) { this.readThrough = value; }

    public Runnable shutdown() { return shutdown; }
    public void shutdown(Runnable action) { this.shutdown = action; }
    public int boundPort() { return boundPort; }
    public void boundPort(int port) { this.boundPort = port; }

    public String version() {
        String v = ServerContext.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }
}
