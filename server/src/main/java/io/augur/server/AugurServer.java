package io.augur.server;

import io.augur.predictor.model.Predictor;
import io.augur.server.config.ServerConfig;
import io.augur.server.net.RespServer;
import io.augur.server.origin.GuardedOrigin;
import io.augur.server.origin.OriginSettings;
import io.augur.server.origin.Origins;
import io.augur.server.prefetch.PredictorCatalog;
import io.augur.server.prefetch.PredictorInfo;
import io.augur.server.prefetch.PrefetchInfo;
import io.augur.server.prefetch.ShadowInfo;
import io.augur.server.prefetch.PrefetchService;
import io.augur.server.prefetch.ReadThrough;

import io.augur.server.store.ChronicleStore;
import io.augur.server.store.EvictionPolicy;
import io.augur.server.store.StoreConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/** One running Augur: the store, the RESP listener and the background cycles, wired together. */
public final class AugurServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AugurServer.class);

    private final ServerConfig config;
    private final ChronicleStore store;
    private final ServerContext context;
    private final RespServer resp;
    private volatile java.util.concurrent.ScheduledFuture<?> cron;
    private GuardedOrigin origin;
    private OriginSettings originSettings;
    private PrefetchService prefetch;
    /** Wraps the catalog's predictor factory (identity, but for fault-injection tests). */
    private final UnaryOperator<Function<String, Predictor>> predictorWrapper;
    private io.augur.server.metrics.MetricsEndpoint metrics;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();
    private volatile int port;

    private AugurServer(ServerConfig config, ChronicleStore store,
                        UnaryOperator<Function<String, Predictor>> predictorWrapper) {
        this.config = config;
        this.store = store;
        this.predictorWrapper = predictorWrapper;
        this.context = new ServerContext(config, store, System::currentTimeMillis);
        this.resp = new RespServer(context);
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
        ChronicleStore store = ChronicleStore.open(storeConfig(config));
        AugurServer server = new AugurServer(config, store, predictors);
        try {
            server.startListening();
        } catch (Exception e) {
            server.close();
            throw e;
        }
        return server;
    }

    private static StoreConfig storeConfig(ServerConfig config) {
        return StoreConfig.builder()
                .dir(config.dir())
                .entries(config.storeEntries())
                .maxValueBytes(config.maxValueBytes())
                .maxMemoryBytes(config.maxmemory())
                .policy(EvictionPolicy.parse(config.maxmemoryPolicy()))
                .evictionSamples(config.maxmemorySamples())
                .build();
    }

    private void startListening() throws InterruptedException {
        config.onChange(this::applyLiveSetting);
        context.shutdown(() -> new Thread(this::close, "augur-shutdown").start());
        startPrefetching();
        startMetrics(); // before listening: a metrics port in use fails start-up before any client connects
        port = resp.start();
        long periodMillis = Math.max(1, 1000 / config.hz());
        cron = resp.commandLoop().next().scheduleAtFixedRate(new ServerCron(context), periodMillis, periodMillis,
                TimeUnit.MILLISECONDS);
        if (resp.tlsPort() > 0) {
            LOG.info("TLS on {}:{}{}", config.bind(), resp.tlsPort(), config.tls().caCertFile() == null ? ""
                    : " (client certificates: " + config.tls().authClients() + ")");
        }
        LOG.info("Augur {} ready to accept connections on {}:{} (data in {}, {} keys)", context.version(),
                config.bind(), port, config.dir().toAbsolutePath().normalize(), store.size());
    }

    /** `/metrics`, `/health`, `/ready` on --metrics-port (0 = off); a port in use fails start-up. */
    private void startMetrics() {
        if (config.metricsPort() == 0) {
            return;
        }
        var registry = io.augur.server.metrics.MetricsEndpoint.newRegistry();
        io.augur.server.metrics.AugurMeters.bind(registry, context, prefetch, origin);
        try {
            metrics = io.augur.server.metrics.MetricsEndpoint.start(registry, config.metricsBind(),
                    config.metricsPort(), () -> !closing.get() && port > 0);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("metrics endpoint on " + config.metricsBind() + ":"
                    + config.metricsPort() + ": " + e.getMessage(), e);
        }
        LOG.info("metrics on http://{}:{}/metrics", config.metricsBind(), metrics.port());
    }

    /** The metrics endpoint's port, or 0 when metrics are off. */
    public int metricsPort() {
        return metrics == null ? 0 : metrics.port();
    }

    /** Origin, read-through and the predictor thread; a bad origin URI fails start-up with one line. */
    private void startPrefetching() {
        var settings = config.prefetch();
        originSettings = OriginSettings.builder()
                .optTimeoutMillis(settings.originTimeoutMillis())
                .optMaxConcurrent(settings.originMaxConcurrent())
                .optMaxValueBytes(config.maxValueBytes())
                .build();
        origin = Origins.openGuarded(settings.origin(), originSettings);
        context.readThrough(new ReadThrough(context, origin));
        PredictorCatalog catalog = new PredictorCatalog(config);
        try {
            catalog.requireAskedDevice();
        } catch (io.augur.engine.EngineUnavailableException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        prefetch = new PrefetchService(context, origin, resp.commandLoop().next(), predictorWrapper.apply(catalog::create));
        context.addInfoSection(new PrefetchInfo(context, prefetch, origin));
        context.addInfoSection(new PredictorInfo(prefetch, catalog));
        context.addInfoSection(new ShadowInfo(prefetch));
        if (settings.origin().isBlank() || settings.origin().equalsIgnoreCase("none")) {
            // Nothing to prefetch from: the request path stays without access logging at all.
            LOG.info("no origin configured: prefetch and read-through are idle");
        } else {
            prefetch.start();
            context.warmer(prefetch::warm);
            prefetch.warmOnStart(settings.warmOnStart());
        }


    }

    private void applyLiveSetting(String name) {
        switch (name) {
            case "origin-timeout" -> originSettings.timeoutMillis(config.prefetch().originTimeoutMillis());
            case "origin-max-concurrent" -> originSettings.maxConcurrent(config.prefetch().originMaxConcurrent());
            case "maxmemory" -> store.setMaxMemory(config.maxmemory());
            case "maxmemory-policy" -> store.setPolicy(EvictionPolicy.parse(config.maxmemoryPolicy()));
            case "maxmemory-samples" -> store.setEvictionSamples(config.maxmemorySamples());
            default -> { }
        }
    }

    public int port() {
        return port;
    }

    public ServerContext context() {
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
            if (cron != null) {
                cron.cancel(false); // before the store closes under it
            }
            if (prefetch != null) {
                prefetch.close();
            }
            if (metrics != null) {
                metrics.close();
            }
            resp.close();
            if (origin != null) {
                origin.close();
            }
        } finally {
            store.close();
            LOG.info("Augur stopped; store closed cleanly");
            stopped.countDown();
        }
    }
}
