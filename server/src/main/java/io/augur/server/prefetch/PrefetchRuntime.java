package io.augur.server.prefetch;

import io.augur.predictor.log.AccessLog;
import io.augur.predictor.model.Predictor;
import io.augur.predictor.plan.PlannerSettings;
import io.augur.predictor.plan.PrefetchPlanner;
import io.augur.predictor.shadow.AbTest;
import io.augur.predictor.shadow.DriftMonitor;
import io.augur.predictor.shadow.ShadowScore;
import io.augur.server.access.AccessRecorder;
import io.augur.server.command.MissLoader;
import io.augur.server.command.Warmer;
import io.augur.server.config.ExperimentSettings;
import io.augur.server.config.PrefetchSettings;
import io.augur.server.config.ServerConfig;
import io.augur.server.config.Setting;
import io.augur.server.origin.Origin;
import io.augur.server.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;

/**
 * The prefetch runtime, assembled: access log, predictor thread, predictor lifecycle, shadows,
 * drift, A/B arms, auto-switch, warming and read-through over one origin loader and one set of
 * counters. Store writes hop onto the command loop; nothing here is on the request path.
 */
public final class PrefetchRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PrefetchRuntime.class);
    /** How often due refreshes are looked for, milliseconds (RefreshAhead.MIN_LEAD_MILLIS allows for two). */
    static final long REFRESH_TICK_MILLIS = 50;

    private final Path dir;
    private final Store store;
    private final PrefetchStats stats = new PrefetchStats();
    private final AccessLog log;
    private final PrefetchPlanner planner;
    private final AccessLogRecorder recorder;
    private final PredictorLifecycle lifecycle;
    private final AbArms arms;
    private final ShadowScoring shadows;
    private final DriftWatch drift;
    private final AutoSwitcher autoSwitcher;
    private final HotKeys hotKeys;
    private final Warming warming;
    private final ReadThrough readThrough;
    private final DrainLoop loop;
    private final PrefetchPipeline pipeline;
    private final PrefetchSettings settings;
    /** Why the predictor thread was never started (e.g. no origin), or null once it runs. */
    private volatile String notStartedReason = "not started";
    private final Freshness freshness;
    private final RefreshAhead refreshAhead;
    private final LongSupplier clockMillis;
    private ScheduledExecutorService refreshTimer;

    /**
     * @param commandLoop  where store writes run (the loop that runs commands)
     * @param opsPerSecond commands per second now, for idle warming
     * @param predictors   builds a predictor by name
     */
    public PrefetchRuntime(ServerConfig config, Store store, Origin origin, Executor commandLoop,
                           LongSupplier clockMillis, LongSupplier opsPerSecond, Function<String, Predictor> predictors) {
        PrefetchSettings settings = config.prefetch();
        this.settings = settings;
        this.dir = config.dir();
        this.store = store;
        this.log = new AccessLog(settings.accessLogSize());
        PlannerSettings plannerSettings = settings.planner();
        // The planner learns from the runtime's own counters whether its prefetches land in time.
        this.planner = new PrefetchPlanner(plannerSettings, stats::late, stats::used);
        this.clockMillis = clockMillis;
        this.freshness = new Freshness(config.freshness(), new FreshnessStats());
        ExperimentSettings experiments = config.experiments();
        OriginLoader loader = new OriginLoader(origin, store, commandLoop, clockMillis, freshness);
        Prefetcher prefetcher = new Prefetcher(settings, loader, planner, stats);
        RepeatPrefetch repeat = new RepeatPrefetch(planner, store, prefetcher, stats,
                () -> settings.prefetchEnabled() && experiments.abTest().isEmpty());
        this.recorder = new AccessLogRecorder(log, clockMillis, planner::isInFlight, stats, planner::outcome, freshness,
                repeat::read);
        this.lifecycle = new PredictorLifecycle(settings, predictors);
        this.arms = new AbArms(experiments, settings, lifecycle, stats);
        this.shadows = new ShadowScoring(experiments, predictors);
        this.drift = new DriftWatch(experiments, stats);
        this.hotKeys = HotKeys.load(dir);
        this.refreshAhead = new RefreshAhead(config.freshness(), settings, freshness, loader,
                key -> config.originAccess().readThroughTtlSeconds());
        freshness.storedListener(refreshAhead::stored);
        this.warming = new Warming(settings, config.warming(), hotKeys, store, loader, stats, opsPerSecond);
        this.readThrough = new ReadThrough(config.originAccess(), loader);
        this.autoSwitcher = new AutoSwitcher(experiments, lifecycle, stats);
        // A new margin starts the winning streaks over, as a new active predictor does.
        config.onChange("auto-switch-margin", autoSwitcher::restart);
        this.pipeline = new PrefetchPipeline(settings, lifecycle, arms, shadows, drift,
                autoSwitcher, planner,
                prefetcher, repeat, hotKeys, store, clockMillis, stats);
        this.loop = new DrainLoop(settings, log, pipeline, warming, stats);
        ownPredictorSetting(config);
    }

    /**
     * CONFIG GET predictor shows what serves by choice (auto-switch's choice included), and a
     * CONFIG SET predictor takes back the choice from auto-switch.
     */
    private void ownPredictorSetting(ServerConfig config) {
        Setting configured = config.setting("predictor");
        config.add(configured.name(), configured.description(), configured.live(), lifecycle::requested,
                configured::apply);
        config.onChange("predictor", lifecycle::configured);
    }

    /** Hooks into the request path (access logging, wasted-prefetch counting) and starts the predictor thread. */
    public void start() {
        recorder.startLogging();
        store.addRemovalListener((key, value, cause) -> {
            if (value.prefetched()) {
                recorder.prefetchWasted(key);
            }
        });
        warming.makeAvailable();
        loop.start();
        refreshTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "augur-refresh-ahead");
            thread.setDaemon(true);
            return thread;
        });
        refreshTimer.scheduleWithFixedDelay(this::refreshDue, REFRESH_TICK_MILLIS, REFRESH_TICK_MILLIS,
                TimeUnit.MILLISECONDS);
        notStartedReason = null;
    }

    /** Records why {@link #start} is not called (INFO's predictor_idle_reason says it). */
    public void notStarting(String reason) {
        notStartedReason = reason;
    }

    /**
     * Why no predictor prefetches now, in an operator's words, or "" while one does: the thread
     * never started (no origin), prefetch-enabled is no, or the predictor is none.
     */
    public String idleReason() {
        String notStarted = notStartedReason;
        if (notStarted != null) {
            return notStarted;
        }
        if (!settings.prefetchEnabled()) {
            return "prefetch-enabled is no";
        }
        String active = lifecycle.activeName();
        if (active.isEmpty() || active.equals("none")) {
            return "predictor is none";
        }
        return "";
    }

    private void refreshDue() {
        try {
            refreshAhead.tick(clockMillis.getAsLong());
        } catch (RuntimeException e) {
            LOG.warn("refresh-ahead failed", e); // a failing tick must not end the timer
        }
    }

    /** Warms from the previous run's hot keys (up to {@code maxKeys}), if it left any. */
    public void warmOnStart(int maxKeys) {
        warming.warmOnStart(maxKeys);
    }

    /** Share of reading contexts the predictor thread skips while it is behind (0 when it keeps up). */
    public double shedShare() { return pipeline.shedding().share(); }
    /** Accesses skipped because their context was shed. */
    public long shedEvents() { return pipeline.shedding().shedEvents(); }
    /** Batches handled without scoring the shadows (the thread was late or overloaded). */
    public long shadowSkippedBatches() { return pipeline.shedding().shadowSkippedBatches(); }

    /** Where the command path reports reads and writes. */
    public AccessRecorder recorder() { return recorder; }
    /** GET misses, loaded from the origin when read-through is on. */
    public MissLoader readThrough() { return readThrough; }
    /** AUGUR.WARM; available once started. */
    public Warmer warmer() { return warming; }

    public PrefetchStats stats() { return stats; }
    /** Change rates and adaptive TTLs of values loaded from the origin. */
    public Freshness freshness() { return freshness; }
    /** Refreshes planned and not yet due, and sent but not answered. */
    public int refreshPending() { return refreshAhead.pending(); }
    public int refreshInFlight() { return refreshAhead.inFlight(); }
    public AccessLog accessLog() { return log; }
    public PrefetchPlanner planner() { return planner; }
    public int inFlight() { return planner.inFlight(); }
    /** The predictor serving now (after any fallback); "none" while the predictor thread does not run. */
    public String activePredictor() {
        String name = lifecycle.activeName();
        return name.isEmpty() || notStartedReason != null ? "none" : name;
    }
    /** The predictor asked for: configured, or chosen by auto-switch since. */
    public String requestedPredictor() { return lifecycle.requested(); }
    public Predictor predictor() { return lifecycle.active(); }
    public DriftMonitor drift() { return drift.monitor(); }
    /** Live scores of the active predictor and its shadows. */
    public List<ShadowScore> shadowScores() { return shadows.scores(); }
    /** Shadow predictors dropped because they threw, since the active predictor was chosen. */
    public long failedShadows() { return shadows.failed(); }
    /** The coverage lead auto-switch asks of a shadow now. */
    public double autoSwitchMargin() { return autoSwitcher.margin(); }
    /** The running A/B test, or null. */
    public AbTest abTest() { return arms.test(); }

    /** Where LSTM inference durations go, for this and every later LSTM predictor. */
    public void inferenceObserver(LongConsumer observer) {
        lifecycle.inferenceObserver(observer);
    }

    @Override
    public void close() {
        if (refreshTimer != null) {
            refreshTimer.shutdownNow();
        }
        loop.close();
        try {
            hotKeys.save(dir);
        } catch (IOException e) {
            LOG.warn("cannot save the hot keys: {}", e.toString());
        }
        shadows.close();
        arms.close();
        lifecycle.close();
    }
}
