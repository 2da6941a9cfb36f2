package io.augur.server.command;

import io.augur.server.access.AccessRecorder;
import io.augur.server.client.ClientRegistry;
import io.augur.server.config.ServerConfig;
import io.augur.server.stats.ServerStats;
import io.augur.server.store.Store;

import java.util.Objects;
import java.util.function.IntSupplier;

/**
 * What commands can reach: the keyspace, the settings, the clients, the counters, the command
 * table and the narrow services this package defines (miss loader, warmer, INFO, shutdown).
 * Built once, complete, by the server's wiring; nothing is set on it afterwards.
 */
public final class CommandContext {

    private final ServerConfig config;
    private final Store store;
    private final ServerStats stats;
    private final ClientRegistry clients;
    private final CommandTable commands;
    private final CommandClock clock;
    private final AuthThrottle authThrottle = new AuthThrottle();
    private final AccessRecorder accessRecorder;
    private final MissLoader missLoader;
    private final Warmer warmer;
    private final ServerInfo info;
    private final Runnable shutdown;
    private final IntSupplier boundPort;

    private CommandContext(Builder b) {
        this.config = Objects.requireNonNull(b.config, "config");
        this.store = Objects.requireNonNull(b.store, "store");
        this.stats = b.stats;
        this.clients = b.clients;
        this.commands = b.commands;
        this.clock = b.clock;
        this.accessRecorder = b.accessRecorder;
        this.missLoader = b.missLoader;
        this.warmer = b.warmer;
        this.info = b.info;
        this.shutdown = b.shutdown;
        this.boundPort = b.boundPort;
    }

    public static Builder builder(ServerConfig config, Store store) {
        return new Builder(config, store);
    }

    public ServerConfig config() { return config; }
    public Store store() { return store; }
    public ServerStats stats() { return stats; }
    public ClientRegistry clients() { return clients; }
    public CommandTable commands() { return commands; }
    public long nowMillis() { return clock.getAsLong(); }
    /** The clock commands hold still while they run ({@link CommandClock}). */
    public CommandClock clock() { return clock; }
    public AuthThrottle authThrottle() { return authThrottle; }
    /** Where key reads and writes go (the access log, or nowhere without an origin). */
    public AccessRecorder accessRecorder() { return accessRecorder; }
    /** Loads GET misses (read-through); {@link MissLoader#NONE} without an origin. */
    public MissLoader missLoader() { return missLoader; }
    /** Warms the most read keys (AUGUR.WARM); {@link Warmer#NONE} without an origin. */
    public Warmer warmer() { return warmer; }
    public ServerInfo info() { return info; }
    public Runnable shutdown() { return shutdown; }
    /** The port the listener is bound to; 0 until it is (the one value known only after start). */
    public int boundPort() { return boundPort.getAsInt(); }

    public String version() {
        return version(CommandContext.class);
    }

    /** The jar's implementation version, or the development version when run from classes. */
    public static String version(Class<?> anchor) {
        String v = anchor.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-dev" : v;
    }

    /** Collects the parts; unset optional parts default to "nothing there". */
    public static final class Builder {
        private final ServerConfig config;
        private final Store store;
        private ServerStats stats = new ServerStats();
        private ClientRegistry clients = new ClientRegistry();
        private CommandTable commands = new CommandTable();
        private CommandClock clock = new CommandClock(System::currentTimeMillis);
        private AccessRecorder accessRecorder = AccessRecorder.NONE;
        private MissLoader missLoader = MissLoader.NONE;
        private Warmer warmer = Warmer.NONE;
        private ServerInfo info = sections -> "";
        private Runnable shutdown = () -> { };
        private IntSupplier boundPort = () -> 0;

        private Builder(ServerConfig config, Store store) {
            this.config = config;
            this.store = store;
        }

        public Builder stats(ServerStats value) { this.stats = value; return this; }
        public Builder clients(ClientRegistry value) { this.clients = value; return this; }
        public Builder commands(CommandTable value) { this.commands = value; return this; }
        public Builder clock(CommandClock value) { this.clock = value; return this; }
        public Builder accessRecorder(AccessRecorder value) { this.accessRecorder = value; return this; }
        public Builder missLoader(MissLoader value) { this.missLoader = value; return this; }
        public Builder warmer(Warmer value) { this.warmer = value; return this; }
        public Builder info(ServerInfo value) { this.info = value; return this; }
        public Builder shutdown(Runnable value) { this.shutdown = value; return this; }
        public Builder boundPort(IntSupplier value) { this.boundPort = value; return this; }

        public CommandContext build() {
            return new CommandContext(this);
        }
    }
}
