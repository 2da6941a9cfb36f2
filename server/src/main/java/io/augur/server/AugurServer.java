package io.augur.server;

import io.augur.engine.EngineUnavailableException;
import io.augur.predictor.model.Predictor;
import io.augur.server.client.ClientRegistry;
import io.augur.server.command.CommandClock;
import io.augur.server.command.CommandContext;
import io.augur.server.command.CommandTable;
import io.augur.server.command.KeyspaceEvents;
import io.augur.server.config.NotifyKeyspaceEvents;
import io.augur.server.store.DatabaseKeys;
import io.augur.server.store.RemovalListener;
import io.augur.server.config.OriginAccessSettings;
import io.augur.server.config.ServerConfig;
import io.augur.server.info.InfoReport;
import io.augur.server.metrics.AugurMeters;
import io.augur.server.metrics.MetricsEndpoint;
import io.augur.server.net.RespServer;
import io.augur.server.origin.GuardedOrigin;
import io.augur.server.origin.OriginSettings;
import io.augur.server.origin.Origins;
import io.augur.server.prefetch.FreshnessInfo;
import io.augur.server.prefetch.PredictorCatalog;
import io.augur.server.prefetch.PredictorInfo;
import io.augur.server.prefetch.PrefetchInfo;
import io.augur.server.prefetch.PrefetchRuntime;
import io.augur.server.prefetch.ShadowInfo;
import io.augur.server.stats.ServerStats;
import io.augur.server.status.StatusHistory;
import io.augur.server.status.StatusPage;
import io.augur.server.status.StatusSampler;
import io.augur.server.store.ChronicleStore;
import io.augur.server.store.EvictionPolicy;
import io.augur.server.store.StoreConfig;
import io.netty.channel.EventLoopGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * One running Augur: the store, the origin, the prefetch runtime, the RESP listener and the
 * background cycles, wired together through constructors. The wiring point: nothing below it
 * reaches back up.
 */
public final class AugurServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AugurServer.class);

    private final ServerConfig config;
    private final ChronicleStore store;
    private final GuardedOrigin origin;
    private final PrefetchRuntime prefetch;
    private final InfoReport info;
    private final CommandContext context;
    private final RespServer resp;
    private final ServerCron cron;
    private MetricsEndpoint metrics;
    /** The status page's samples, kept while the metrics port is open. */
    private StatusHistory statusHistory;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();
    /** Known once the listener is bound; INFO's tcp_port and /ready read it through a supplier. */
    private volatile int port;

    private AugurServer(ServerConfig config, ChronicleStore store,
                        UnaryOperator<Function<String, Predictor>> predictorWrapper, CommandClock clockMillis) {
        this.config = config;
        this.store = store;
        this.origin = openOrigin(config, clockMillis); // a bad origin URI fails start-up with one line
        PredictorCatalog catalog = new PredictorCatalog(config);
        try {
            catalog.requireAskedDevice();
        } catch (EngineUnavailableException e) {
            origin.close();
            throw new IllegalStateException(e.getMessage(), e);
        }
        EventLoopGroup commandGroup = RespServer.newCommandGroup(config.ioThreads());
        // io-threads is 1: that thread runs every command, and its page rewrites wait for its replies.
        commandGroup.next().submit(() -> store.holdRewritesOn(Thread.currentThread())).syncUninterruptibly();
        ServerStats stats = new ServerStats();
        ClientRegistry clients = new ClientRegistry();
        CommandTable commands = CommandFamilies.table();
        this.prefetch = new PrefetchRuntime(config, store, origin, commands.scriptGate().gated(commandGroup.next()), clockMillis,
                stats::instantaneousOpsPerSec, predictorWrapper.apply(catalog::create));
        List<String> scored = new java.util.ArrayList<>(List.of(config.prefetch().predictor()));
        config.experiments().shadowPredictors().stream().filter(n -> !scored.contains(n)).forEach(scored::add);
        this.info = new InfoReport(
                new InfoReport.Sources(config, store, stats, clients, commands, () -> port, CommandContext.version(
                        AugurServer.class)),
                List.of(new PrefetchInfo(config, prefetch, origin), new FreshnessInfo(config.freshness(), prefetch),
                        new PredictorInfo(prefetch, catalog),
                        new ShadowInfo(prefetch, scored)));
        this.context = CommandContext.builder(config, store)
                .stats(stats)
                .clients(clients)
                .commands(commands)
                .clock(clockMillis)
                .accessRecorder(prefetch.recorder())
                .missLoader(prefetch.readThrough())
                .warmer(prefetch.warmer())
                .info(info)
                .shutdown(() -> new Thread(this::close, "augur-shutdown").start())
                .boundPort(() -> port)
                .build();
        this.resp = new RespServer(context, commandGroup);
        this.cron = new ServerCron(context, commandGroup.next());
        applyStoreSettingsLive();
        raiseKeyspaceEvents(commands.keyspaceEvents());
    }

    /** Opens the store in the data directory and starts listening; the caller owns the result. */
    public static AugurServer start(ServerConfig config) throws Exception {
        return start(config, UnaryOperator.identity());
    }

    /**
     * As {@link #start(ServerConfig)}, with the predictors built by name passed through
     * {@code predictors} first: the seam where fault-injection tests put a predictor that fails.
     */
    public static AugurServer start(ServerConfig config,
                                    UnaryOperator<Function<String, Predictor>> predictors) throws Exception {
        return start(config, predictors, System::currentTimeMillis);
    }

    /**
     * As {@link #start(ServerConfig, UnaryOperator)}, on the clock {@code clockMillis} (epoch
     * milliseconds) for expiry, origin values and refresh-ahead: the seam where a test steps time.
     */
    public static AugurServer start(ServerConfig config, UnaryOperator<Function<String, Predictor>> predictors,
                                    LongSupplier clockMillis) throws Exception {
        CommandClock clock = new CommandClock(clockMillis);
        ChronicleStore store = ChronicleStore.open(storeConfig(config, clock));
        AugurServer server;
        try {
            server = new AugurServer(config, store, predictors, clock);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        try {
            server.startListening();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static StoreConfig storeConfig(ServerConfig config, LongSupplier clockMillis) {
        return StoreConfig.builder()
                .clockMillis(clockMillis)
                .dir(config.dir())
                .entries(config.storeEntries())
                .maxValueBytes(config.maxValueBytes())
                .maxMemoryBytes(config.maxmemory())
                .policy(EvictionPolicy.parse(config.maxmemoryPolicy()))
                .evictionSamples(config.maxmemorySamples())
                .prefetchStaging(config.prefetchStaging())
                .build();
    }

    /** The guarded origin; its timeout and concurrency limit follow CONFIG SET. */
    private static GuardedOrigin openOrigin(ServerConfig config, LongSupplier clockMillis) {
        OriginAccessSettings settings = config.originAccess();
        OriginSettings originSettings = OriginSettings.builder()
                .optTimeoutMillis(settings.originTimeoutMillis())
                .optMaxConcurrent(settings.originMaxConcurrent())
                .optMaxValueBytes(config.maxValueBytes())
                .optClockMillis(clockMillis)
                .build();
        GuardedOrigin origin = Origins.openGuarded(settings.origin(), originSettings);
        config.onChange("origin-timeout", () -> originSettings.timeoutMillis(settings.originTimeoutMillis()));
        config.onChange("origin-max-concurrent", () -> originSettings.maxConcurrent(settings.originMaxConcurrent()));
        return origin;
    }

    /** The store's live settings (it is opened before the wiring, so they are bound here). */
    private void applyStoreSettingsLive() {
        config.onChange("maxmemory", () -> {
            store.setMaxMemory(config.maxmemory());
            EvictionPolicy policy = EvictionPolicy.parse(config.maxmemoryPolicy()); // unset: follows the bound
            if (store.policy() != policy) {
                store.setPolicy(policy);
            }
        });
        config.onChange("maxmemory-policy", () -> store.setPolicy(EvictionPolicy.parse(config.maxmemoryPolicy())));
        // The store branch may rename this (samples(int)); the hook stays here.
        config.onChange("maxmemory-samples", () -> store.setEvictionSamples(config.maxmemorySamples()));
        config.onChange("prefetch-staging", () -> store.setPrefetchStaging(config.prefetchStaging()));
    }

    /** notify-keyspace-events, live; the store's own removals raise "expired" and "evicted". */
    private void raiseKeyspaceEvents(KeyspaceEvents events) {
        events.classes(config.notifyKeyspaceEvents());
        config.onChange("notify-keyspace-events", () -> events.classes(config.notifyKeyspaceEvents()));
        store.addRemovalListener((key, value, cause) -> {
            boolean expired = cause == RemovalListener.Cause.EXPIRED;
            events.notify(expired ? NotifyKeyspaceEvents.EXPIRED : NotifyKeyspaceEvents.EVICTED,
                    expired ? "expired" : "evicted", DatabaseKeys.database(key), DatabaseKeys.key(key));
        });
    }

    private void startListening() throws InterruptedException {
        startPrefetching();
        startMetrics(); // before listening: a metrics port in use fails start-up before any client connects
        port = resp.start();
        cron.start();
        if (resp.tlsPort() > 0) {
            LOG.info("TLS on {}:{}{}", config.bind(), resp.tlsPort(), config.tls().caCertFile() == null ? ""
                    : " (client certificates: " + config.tls().authClients() + ")");
        }
        LOG.info("Augur {} ready to accept connections on {}:{} (data in {}, {} keys)", context.version(),
                config.bind(), port, config.dir().toAbsolutePath().normalize(), store.size());
    }

    /** `/metrics`, `/health`, `/ready`, the status page on --metrics-port (0 = off); a port in use fails start-up. */
    private void startMetrics() {
        if (config.metricsPort() == 0) {
            return;
        }
        var registry = MetricsEndpoint.newRegistry();
        AugurMeters.bind(registry, context, prefetch, origin, info.stats());
        StatusSampler sampler = new StatusSampler(info.stats(), prefetch, System::currentTimeMillis);
        statusHistory = StatusHistory.start(sampler::sample);
        try {
            metrics = MetricsEndpoint.start(registry, config.metricsBind(), config.metricsPort(),
                    () -> !closing.get() && port > 0, new StatusPage(statusHistory));
        } catch (IOException e) {
            throw new UncheckedIOException("metrics endpoint on " + config.metricsBind() + ":"
                    + config.metricsPort() + ": " + e.getMessage(), e);
        }
        LOG.info("metrics on http://{}:{}/metrics", config.metricsBind(), metrics.port());
    }

    /** The metrics endpoint's port, or 0 when metrics are off. */
    public int metricsPort() {
        return metrics == null ? 0 : metrics.port();
    }

    /** The predictor thread, when there is an origin to prefetch from. */
    private void startPrefetching() {
        if (!config.originAccess().hasOrigin()) {
            // Nothing to prefetch from: the request path stays without access logging at all.
            LOG.info("no origin configured: prefetch and read-through are idle");
            prefetch.notStarting("no origin configured");
        } else {
            prefetch.start();
            prefetch.warmOnStart(config.warming().warmOnStart());
        }
    }

    public int port() {
        return port;
    }

    public CommandContext context() {
        return context;
    }

    /** Blocks until SHUTDOWN, a signal or {@link #close()} stopped the server. */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            cron.close(); // before the store closes under it
            prefetch.close();
            if (metrics != null) {
                metrics.close();
            }
            if (statusHistory != null) {
                statusHistory.close();
            }
            resp.close();
            origin.close();
            context.commands().scriptGate().close(); // a script on its own thread stops before the store closes
        } finally {
            store.close();
            LOG.info("Augur stopped; store closed cleanly");
            stopped.countDown();
        }
    }
}
