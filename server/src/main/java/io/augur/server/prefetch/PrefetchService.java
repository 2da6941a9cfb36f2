package io.augur.server.prefetch;

import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.log.AccessLog;
import io.augur.predictor.model.Prediction;
import io.augur.predictor.model.Predictor;
import io.augur.predictor.plan.PlannerSettings;
import io.augur.predictor.plan.PrefetchPlanner;
import io.augur.predictor.model.lstm.LstmPredictor;
import io.augur.predictor.shadow.AbTest;
import io.augur.predictor.shadow.AutoSwitch;
import io.augur.predictor.shadow.DriftMonitor;
import io.augur.predictor.shadow.ShadowEvaluator;
import io.augur.predictor.shadow.ShadowScore;
import io.augur.server.ServerContext;
import io.augur.server.config.PrefetchSettings;
import io.augur.server.origin.Origin;
import io.augur.server.store.OutOfMemoryException;
import io.augur.server.store.ValueTooLargeException;
import io.netty.util.concurrent.EventExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The predictor thread: drains the access log, feeds the active predictor, plans prefetches
 * within budgets and loads them from the origin into the store, marked as prefetched.
 * It never touches the request path; store writes hop onto the command loop.
 */
public final class PrefetchService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PrefetchService.class);

    /** What serves when the asked-for predictor cannot be built or fails while running. */
    static final String FALLBACK = "successor+delta";

    /** Events handled per drain; bounds the latency of a predictor switch. */
    private static final int DRAIN_BATCH = 4096;
    /** Sleep when the log is empty: short enough that a prefetch follows its read within a millisecond or so. */
    private static final long IDLE_PARK_NANOS = 200_000;

    private final ServerContext server;
    private final PrefetchSettings settings;
    private final Origin origin;
    private final EventExecutor commandLoop;
    private final Function<String, Predictor> predictors;
    private final AccessLog log;
    private final PrefetchPlanner planner;
    private final PlannerSettings plannerSettings;
    private final PrefetchStats stats = new PrefetchStats();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Predictor active;
    /** Scores the active predictor and runs the configured others in shadow. */
    private volatile ShadowEvaluator shadows = new ShadowEvaluator("", List.of(), 1);
    /** Watches the active predictor's live precision for drift. */
    private volatile DriftMonitor drift = new DriftMonitor(1, 1);
    private long driftModelVersion;
    private AutoSwitch autoSwitch = new AutoSwitch(0.05);
    /** The most read keys, for warming (saved at shutdown, loaded at start). */
    private final HotKeys hotKeys;
    private final java.util.concurrent.atomic.LongAdder warmedKeys = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder idleWarmRounds = new java.util.concurrent.atomic.LongAdder();
    private volatile boolean idleWarmRunning;
    private long lastIdleWarmMillis;
    /** Arm B of the A/B test (null when none runs) and its counters. */
    private volatile Predictor armB;
    private volatile AbTest abTest;
    private volatile String abRequested = "";
    /** Receives the duration (ns) of every LSTM forward pass; metrics set it. */
    private volatile java.util.function.LongConsumer inferenceObserver = nanos -> { };
    private volatile String activeName = "";
    /** The predictor the settings asked for; differs from activeName after a fallback. */
    private volatile String requestedName = "";

    public PrefetchService(ServerContext server, Origin origin, EventExecutor commandLoop,
                           Function<String, Predictor> predictors) {
        this.server = server;
        this.settings = server.config().prefetch();
        this.origin = origin;
        this.commandLoop = commandLoop;
        this.predictors = predictors;
        this.log = new AccessLog(settings.accessLogSize());
        this.plannerSettings = new PlannerSettings();
        // The planner learns from the server's own counters whether its prefetches land in time.
        this.planner = new PrefetchPlanner(plannerSettings, stats::late, () -> server.prefetchedReads().sum());
        this.hotKeys = HotKeys.load(server.config().dir());
        this.thread = new Thread(this::loop, "augur-predictor");
        this.thread.setDaemon(true);
    }

    /** Hooks into the request path (access logging, wasted-prefetch counting) and starts the thread. */
    public void start() {
        server.accessRecorder(new AccessLogRecorder(log, server::nowMillis, planner::isInFlight, stats));
        server.store().setRemovalListener((key, value, cause) -> {
            if (value.prefetched()) {
                stats.wasted.increment();
            }
        });
        thread.start();
    }

    public PrefetchStats stats() { return stats; }
    public AccessLog accessLog() { return log; }
    public PrefetchPlanner planner() { return planner; }
    public String activePredictor() { return activeName; }
    public Predictor predictor() { return active; }
    public Origin origin() { return origin; }

    /** Where LSTM inference durations go, for this and every later LSTM predictor. */
    public void inferenceObserver(java.util.function.LongConsumer observer) {
        this.inferenceObserver = observer;
        if (active instanceof io.augur.predictor.model.lstm.LstmPredictor lstm) {
            lstm.inference().observer(observer);
        }
    }
    public int inFlight() { return planner.inFlight(); }

    private void loop() {
        List<AccessEvent> batch = new ArrayList<>(DRAIN_BATCH);
        while (running) {
            try {
                switchPredictorIfAsked();
                batch.clear();
                log.drain(batch::add, DRAIN_BATCH);
                if (batch.isEmpty()) {
                    warmWhileIdle();
                    java.util.concurrent.locks.LockSupport.parkNanos(IDLE_PARK_NANOS);
                    continue;
                }
                syncPlannerSettings();
                long start = System.nanoTime();
                for (AccessEvent event : batch) {
                    handle(event);
                }
                watchDrift();
                switchIfAShadowWins();
                yieldCpu(System.nanoTime() - start);
            } catch (RuntimeException | LinkageError e) {
                // A failing predictor must never take prefetching down: count, log, fall back.
                stats.predictorErrors.increment();
                LOG.warn("predictor '{}' failed, falling back to successor+delta: {}", activeName, e.toString());
                replacePredictor(FALLBACK);
            }
        }
    }

    /**
     * Duty cycle: after working for {@code busyNanos}, rest so the thread uses at most predictor-cpu
     * of one core. Serving keeps its cores; under overload the access log drops (and counts) events.
     */
    private void yieldCpu(long busyNanos) {
        double share = settings.predictorCpu();
        if (share < 1) {
            java.util.concurrent.locks.LockSupport.parkNanos((long) (busyNanos * (1 - share) / share));
        }
    }

    private void handle(AccessEvent event) {
        Predictor predictor = active;
        Predictor challenger = armB;
        if (event.op() == AccessEvent.Op.CLOSE) {
            predictor.forgetConnection(event.connectionId());
            if (challenger != null) {
                try {
                    challenger.forgetConnection(event.connectionId());
                } catch (RuntimeException | LinkageError e) {
                    stopFailedChallenger(e);
                }
            }
            shadows.observeShadows(event, 0);
            return;
        }
        ShadowEvaluator board = shadows;
        board.settleActive(event);
        predictor.observe(event);
        board.observeShadows(event, settings.topK());
        if (event.op() == AccessEvent.Op.READ) {
            hotKeys.record(event.key());
            planner.read();
        }
        // A/B: both arms learn from every access; each connection's prefetches come from its own arm.
        boolean inArmB = false;
        if (challenger != null) {
            try {
                challenger.observe(event);
                if (event.op() == AccessEvent.Op.READ) {
                    abTest.read(event.connectionId(), event.hit());
                    inArmB = AbTest.arm(event.connectionId()) == 1;
                }
            } catch (RuntimeException | LinkageError e) {
                stopFailedChallenger(e); // inArmB stays false: this connection's prefetches come from the active predictor
            }
        }
        if (event.op() != AccessEvent.Op.READ || !settings.prefetchEnabled()) {
            return;
        }
        long start = System.nanoTime();
        List<Prediction> predicted;
        if (inArmB) {
            try {
                predicted = challenger.predict(event.connectionId(), settings.topK());
            } catch (RuntimeException | LinkageError e) {
                stopFailedChallenger(e);
                return;
            }
        } else {
            predicted = predictor.predict(event.connectionId(), settings.topK());
        }
        if (!inArmB) {
            board.scoreActive(event, predicted, System.nanoTime() - start);
        }
        if (predicted.isEmpty()) {
            return;
        }
        stats.predictions.add(predicted.size());
        List<byte[]> keys = planner.plan(predicted, key -> server.store().peek(key) != null, server.nowMillis());
        for (byte[] key : keys) {
            fetch(key);
        }
    }

    /**
     * The A/B challenger threw: the test ends (the active predictor serves every connection), and
     * the failure is counted and logged; the active predictor is not blamed for it.
     */
    private void stopFailedChallenger(Throwable e) {
        Predictor failed = armB;
        armB = null;
        abTest = null;
        stats.predictorErrors.increment();
        LOG.warn("A/B challenger '{}' failed, the A/B test stops: {}", abRequested, e.toString());
        if (failed != null) {
            try {
                failed.close();
            } catch (RuntimeException ignored) {
                // already failing
            }
        }
    }

    private void fetch(byte[] key) {
        stats.issued.increment();
        origin.fetch(key).whenComplete((value, error) -> {
            if (error != null) {
                stats.failed.increment();
                finish(key);
            } else if (value == null) {
                stats.absent.increment();
                finish(key);
            } else {
                commandLoop.execute(() -> {
                    try {
                        store(key, value);
                    } finally {
                        finish(key);
                    }
                });
            }
        });
    }

    private void finish(byte[] key) {
        planner.completed(key);
    }

    /** Runs on the command loop: never overwrite what a client wrote meanwhile. */
    private void store(byte[] key, byte[] value) {
        if (server.store().peek(key) != null) {
            stats.alreadyCached.increment();
            return;
        }
        long ttlSeconds = settings.prefetchTtlSeconds();
        long expireAt = ttlSeconds == 0 ? 0 : server.nowMillis() + ttlSeconds * 1000;
        try {
            server.store().put(key, value, expireAt, true);
            stats.stored.increment();
        } catch (OutOfMemoryException | ValueTooLargeException e) {
            stats.failed.increment();
        }
    }

    private void syncPlannerSettings() {
        plannerSettings.minConfidence(settings.minConfidence());
        plannerSettings.topK(settings.topK());
        plannerSettings.maxInFlight(settings.maxInFlight());
        plannerSettings.maxRequestsPerSecond(settings.maxRequestsPerSecond());
        plannerSettings.recentWindowMillis(settings.dedupWindowMillis());
    }

    private void switchPredictorIfAsked() {
        String wanted = settings.predictor();
        if (!wanted.equals(requestedName)) {
            requestedName = wanted;
            replacePredictor(wanted);
        }
        String challenger = settings.abTest();
        if (!challenger.equals(abRequested)) {
            abRequested = challenger;
            startAbTest(challenger);
        }
    }

    /** Starts (or with an empty name stops) an A/B test of the active predictor against {@code challenger}. */
    private void startAbTest(String challenger) {
        Predictor previous = armB;
        armB = null;
        abTest = null;
        if (previous != null) {
            previous.close();
        }
        if (challenger.isEmpty()) {
            LOG.info("A/B test stopped");
            return;
        }
        try {
            Predictor b = predictors.apply(challenger);
            abTest = new AbTest(activeName, challenger);
            armB = b;
            LOG.info("A/B test: {} (arm A) against {} (arm B), connections split by id", activeName, challenger);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("cannot start the A/B test against '{}': {}", challenger, e.toString());
        }
    }

    /**
     * Loads up to {@code maxKeys} of the most read keys that are not cached from the origin, as
     * prefetches, within the origin's own limits; completes when every fetch has finished.
     */
    public java.util.concurrent.CompletionStage<WarmResult> warm(int maxKeys) {
        return warm(maxKeys, maxKeys);
    }

    /** Considers the {@code consider} most read keys and fetches at most {@code maxLoads} of those not cached. */
    private java.util.concurrent.CompletionStage<WarmResult> warm(int consider, int maxLoads) {
        List<byte[]> hot = hotKeys.top(consider);
        int[] counts = new int[3]; // cached, loaded, failed
        List<java.util.concurrent.CompletableFuture<Void>> fetches = new ArrayList<>();
        for (byte[] key : hot) {
            if (server.store().peek(key) != null) {
                counts[0]++;
                continue;
            }
            if (fetches.size() >= maxLoads) {
                break;
            }
            java.util.concurrent.CompletableFuture<Void> done = new java.util.concurrent.CompletableFuture<>();
            fetches.add(done);
            origin.fetch(key).whenComplete((value, error) -> {
                if (error != null || value == null) {
                    synchronized (counts) {
                        counts[2]++;
                    }
                    done.complete(null);
                } else {
                    commandLoop.execute(() -> {
                        try {
                            store(key, value);
                            warmedKeys.increment();
                            synchronized (counts) {
                                counts[1]++;
                            }
                        } finally {
                            done.complete(null);
                        }
                    });
                }
            });
        }
        return java.util.concurrent.CompletableFuture.allOf(fetches.toArray(new java.util.concurrent.CompletableFuture[0]))
                .thenApply(v -> {
                    synchronized (counts) {
                        return new WarmResult(hot.size(), counts[0], counts[1], counts[2]);
                    }
                });
    }

    /** Warms from the previous run's hot keys, if it left any (a restart or failover does not start cold). */
    public void warmOnStart(int maxKeys) {
        if (maxKeys <= 0 || !hotKeys.hasPrevious()) {
            return;
        }
        long start = System.currentTimeMillis();
        warm(maxKeys).thenAccept(r -> LOG.info("warmed from the previous run's hot keys in {} ms: {} considered, {} "
                + "already cached, {} loaded, {} failed", System.currentTimeMillis() - start, r.candidates(), r.cached(),
                r.loaded(), r.failed()));
    }

    /**
     * Idle-time warming: at most once a second, while commands per second stay under idle-below-ops
     * and no earlier round is still fetching, loads up to idle-warm of the most read uncached keys.
     * It backs off by itself: a busy server is not idle, and a busy log never reaches this.
     */
    private void warmWhileIdle() {
        int keys = settings.idleWarmKeys();
        long now = System.currentTimeMillis();
        if (keys <= 0 || idleWarmRunning || now - lastIdleWarmMillis < 1000
                || server.stats().instantaneousOpsPerSec() >= settings.idleBelowOps()) {
            return;
        }
        lastIdleWarmMillis = now;
        idleWarmRunning = true;
        warm(HotKeys.TRACKED, keys).whenComplete((r, error) -> {
            idleWarmRunning = false;
            if (r != null && r.loaded() > 0) {
                idleWarmRounds.increment();
            }
        });
    }

    /** Idle-time warming rounds that loaded something. */
    public long idleWarmRounds() {
        return idleWarmRounds.sum();
    }

    /** Keys loaded by warming so far. */
    public long warmedKeys() {
        return warmedKeys.sum();
    }

    /** The running A/B test, or null. */
    public AbTest abTest() {
        return abTest;
    }

    private void replacePredictor(String name) {
        Predictor previous = active;
        Predictor next;
        try {
            next = predictors.apply(name);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("cannot create predictor '{}': {}; using {}", name, e.toString(), FALLBACK);
            next = predictors.apply(FALLBACK);
            name = FALLBACK;
        }
        if (next instanceof io.augur.predictor.model.lstm.LstmPredictor lstm) {
            lstm.inference().observer(inferenceObserver);
        }
        ShadowEvaluator previousShadows = shadows;
        drift = new DriftMonitor(settings.driftWindow(), settings.driftMargin());
        autoSwitch = new AutoSwitch(settings.autoSwitchMargin());
        shadows = shadowsBeside(name);
        previousShadows.close();
        active = next;
        activeName = name;
        if (previous != null) {
            try {
                previous.close();
            } catch (RuntimeException e) {
                LOG.debug("closing predictor failed", e);
            }
        }
        LOG.info("predictor is now {}", name);
    }

    /**
     * A new model is a new reference; a window well below the reference is drift: counted, logged,
     * and for the LSTM a retraining on the recent window is asked for at once.
     */
    private void watchDrift() {
        long version = active instanceof LstmPredictor lstm ? lstm.modelVersion() : 0;
        if (version != driftModelVersion) {
            driftModelVersion = version;
            drift.rebase();
        }
        if (drift.takeAlert()) {
            stats.driftAlerts.increment();
            LOG.warn("prediction drift: predictor {} precision {} in the last {} predictions, below its reference {} "
                            + "by more than {}{}", activeName, String.format(java.util.Locale.ROOT, "%.3f", drift.lastWindow()),
                    drift.windowPredictions(), String.format(java.util.Locale.ROOT, "%.3f", drift.reference()),
                    drift.margin(), active instanceof LstmPredictor ? "; retraining" : "");
            if (active instanceof LstmPredictor lstm) {
                lstm.trainer().requestRetraining();
            }
        }
    }

    /** With auto-switch on, hands serving to a shadow predictor that keeps beating the active one. */
    private void switchIfAShadowWins() {
        if (!settings.autoSwitch()) {
            return;
        }
        String winner = autoSwitch.evaluate(shadows.scores());
        if (winner != null) {
            stats.predictorSwitches.increment();
            LOG.info("auto-switch: {} beat {} in shadow ({} windows of {} reads in a row); it serves now", winner,
                    activeName, 3, AutoSwitch.WINDOW_READS);
            server.config().set("predictor", winner); // switchPredictorIfAsked picks it up
        }
    }

    public DriftMonitor drift() {
        return drift;
    }

    /** Shadow copies of the configured predictors other than the active one; one that cannot be built is skipped. */
    private ShadowEvaluator shadowsBeside(String activeName) {
        List<Predictor> others = new ArrayList<>();
        for (String name : settings.shadowPredictors()) {
            if (name.equals(activeName)) {
                continue;
            }
            try {
                others.add(predictors.apply(name));
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("shadow predictor '{}' unavailable: {}", name, e.toString());
            }
        }
        return new ShadowEvaluator(activeName, others, settings.shadowHorizon(), drift);
    }

    /** Live scores of the active predictor and its shadows (INFO predictors, metrics). */
    public List<ShadowScore> shadowScores() {
        return shadows.scores();
    }

    /** Shadow predictors dropped because they threw, since the active predictor was chosen. */
    public long failedShadows() {
        return shadows.failedShadows();
    }

    @Override
    public void close() {
        running = false;
        try {
            hotKeys.save(server.config().dir());
        } catch (java.io.IOException e) {
            LOG.warn("cannot save the hot keys: {}", e.toString());
        }
        shadows.close();
        Predictor b = armB;
        if (b != null) {
            b.close();
        }
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Predictor p = active;
        if (p != null) {
            p.close();
        }
    }
}
