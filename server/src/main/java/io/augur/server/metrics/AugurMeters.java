package io.augur.server.metrics;

import io.augur.predictor.model.lstm.LstmPredictor;
import io.augur.server.command.CommandContext;
import io.augur.server.command.CommandCounters;
import io.augur.server.command.CommandSpec;
import io.augur.server.origin.GuardedOrigin;
import io.augur.server.prefetch.PrefetchRuntime;
import io.augur.server.stats.Stat;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Augur's meters, in Prometheus style with base units. Almost all read counters the server keeps
 * anyway (function counters and gauges), so metrics add nothing to the request path but one
 * histogram record per command.
 */
public final class AugurMeters {

    /** Bucket bounds of the command latency histogram: 10 µs to 1 s. */
    private static final Duration[] COMMAND_BUCKETS = {Duration.ofNanos(10_000), Duration.ofNanos(50_000),
            Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(500), Duration.ofSeconds(1)};

    /** Bucket bounds of the inference histogram: 100 µs to 100 ms (one pass costs ~0.6 ms on a CPU core). */
    private static final Duration[] INFERENCE_BUCKETS = {Duration.ofNanos(100_000), Duration.ofNanos(250_000),
            Duration.ofNanos(500_000), Duration.ofNanos(750_000), Duration.ofMillis(1), Duration.ofMillis(2),
            Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(100)};

    private AugurMeters() {
    }

    /** {@code prefetchStats}: the declared prefetch and origin statistics (INFO's `# Prefetch`). */
    public static void bind(MeterRegistry registry, CommandContext server, PrefetchRuntime prefetch,
                            GuardedOrigin origin, List<Stat> prefetchStats) {
        commands(registry, server);
        keyspace(registry, server);
        connections(registry, server);
        if (prefetch != null) {
            register(registry, prefetchStats);
            originLatency(registry, origin);
            model(registry, prefetch);
            shadows(registry, server, prefetch);
            drift(registry, prefetch);
            abTest(registry, prefetch);
        }
    }

    /** The A/B test's arms (NaN while none runs). */
    private static void abTest(MeterRegistry registry, PrefetchRuntime p) {
        for (int arm = 0; arm < 2; arm++) {
            int a = arm;
            Gauge.builder("augur.ab.hit.ratio", p, s -> s.abTest() == null ? Double.NaN : s.abTest().hitRatio(a))
                    .tag("arm", arm == 0 ? "a" : "b").description("hit ratio of the connections in this A/B arm")
                    .register(registry);
        }
        gauge(registry, "augur.ab.p.value", p, s -> s.abTest() == null ? Double.NaN : s.abTest().significance().pValue(),
                null, "two-sided p-value of the A/B hit-ratio difference (two-proportion z-test)");
    }

    /** Drift of the active predictor's live precision. */
    private static void drift(MeterRegistry registry, PrefetchRuntime p) {
        counter(registry, "augur.predictor.drift.alerts", p, s -> s.stats().driftAlerts(),
                "drift windows whose precision fell below the reference by more than drift-margin");
        counter(registry, "augur.predictor.auto.switches", p, s -> s.stats().predictorSwitches(),
                "times auto-switch handed serving to a shadow predictor that kept winning");
        gauge(registry, "augur.predictor.drift.window.precision", p, s -> s.drift().lastWindow(), null,
                "precision of the active predictor in the last drift window");
        gauge(registry, "augur.predictor.drift.reference.precision", p, s -> s.drift().reference(), null,
                "the active predictor's reference precision (its first window after going live)");
    }

    /** Live scores per predictor (the active one and those in shadow); NaN while one is not running. */
    private static void shadows(MeterRegistry registry, CommandContext server, PrefetchRuntime p) {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        names.add(server.config().prefetch().predictor());
        names.addAll(server.config().experiments().shadowPredictors());
        for (String name : names) {
            java.util.function.Function<PrefetchRuntime, io.augur.predictor.shadow.ShadowScore> score =
                    s -> s.shadowScores().stream().filter(x -> x.predictor().equals(name)).findFirst().orElse(null);
            Gauge.builder("augur.predictor.shadow.precision", p, s -> {
                var x = score.apply(s);
                return x == null ? Double.NaN : x.precision();
            }).tag("predictor", name).description("predicted keys read by the same client within the shadow horizon / predicted keys")
                    .register(registry);
            Gauge.builder("augur.predictor.shadow.coverage", p, s -> {
                var x = score.apply(s);
                return x == null ? Double.NaN : x.coverage();
            }).tag("predictor", name).description("reads that had been predicted within the shadow horizon / reads")
                    .register(registry);
            Gauge.builder("augur.predictor.shadow.predict.micros", p, s -> {
                var x = score.apply(s);
                return x == null ? Double.NaN : x.meanPredictMicros();
            }).tag("predictor", name).description("mean cost of one predict call, microseconds").register(registry);
        }
    }

    private static void commands(MeterRegistry registry, CommandContext server) {
        for (CommandSpec spec : server.commands().all()) {
            CommandCounters c = spec.counters();
            FunctionCounter.builder("augur.commands", c, CommandCounters::calls).tag("command", spec.name())
                    .description("commands processed").register(registry);
            FunctionCounter.builder("augur.command.errors", c, CommandCounters::failed).tag("command", spec.name())
                    .description("commands that replied with an error").register(registry);
            c.timer(Timer.builder("augur.command.duration").tag("command", spec.name())
                    .description("time to execute a command, without network")
                    .serviceLevelObjectives(COMMAND_BUCKETS).register(registry));
        }
        counter(registry, "augur.errors", server, s -> s.stats().errorReplies(), "error replies of any kind");
        counter(registry, "augur.protocol.errors", server, s -> s.stats().protocolErrors(),
                "connections closed for a protocol error");
    }

    private static void keyspace(MeterRegistry registry, CommandContext server) {
        counter(registry, "augur.keyspace.hits", server, s -> s.stats().keyspaceHits(), "reads that found the key");
        counter(registry, "augur.keyspace.misses", server, s -> s.stats().keyspaceMisses(),
                "reads that did not (read-through loads count here)");
        gauge(registry, "augur.keys", server, s -> s.store().size(), null, "keys stored");
        gauge(registry, "augur.keys.expiring", server, s -> s.store().expiresCount(), null, "keys with a TTL");
        counter(registry, "augur.evicted.keys", server, s -> s.store().evictedKeys(), "keys evicted by maxmemory");
        counter(registry, "augur.expired.keys", server, s -> s.store().expiredKeys(), "keys removed on expiry");
        gauge(registry, "augur.memory.used", server, s -> s.store().usedMemoryBytes(), "bytes",
                "memory used by keys and values");
        gauge(registry, "augur.memory.max", server, s -> s.store().maxMemory(), "bytes", "maxmemory (0 = none)");
    }

    private static void connections(MeterRegistry registry, CommandContext server) {
        gauge(registry, "augur.clients.connected", server, s -> s.clients().connected(), null, "connected clients");
        counter(registry, "augur.clients.rejected", server, s -> s.clients().rejectedConnections(),
                "connections refused (maxclients)");
        counter(registry, "augur.connections.received", server, s -> s.clients().connectionsReceived(),
                "connections accepted");
        counter(registry, "augur.clients.output.buffer.limit.disconnections", server,
                s -> s.stats().outputBufferLimitDisconnections(), "clients closed for passing client-output-buffer-limit");
        counter(registry, "augur.auth.failures", server, s -> s.stats().authFailures(),
                "failed AUTH/HELLO AUTH attempts, including throttled ones");
        FunctionCounter.builder("augur.net.input", server, s -> s.stats().netInputBytes()).baseUnit("bytes")
                .description("bytes received from clients").register(registry);
        FunctionCounter.builder("augur.net.output", server, s -> s.stats().netOutputBytes()).baseUnit("bytes")
                .description("bytes sent to clients").register(registry);
    }

    /** Every declared statistic with a metric name, as a function counter or gauge over its source. */
    public static void register(MeterRegistry registry, List<Stat> stats) {
        for (Stat stat : stats) {
            if (stat.metricName() == null || stat.kind() == Stat.Kind.TEXT) {
                continue;
            }
            DoubleSupplier value = stat.number();
            if (stat.kind() == Stat.Kind.COUNTER) {
                FunctionCounter.builder(stat.metricName(), value, DoubleSupplier::getAsDouble)
                        .description(stat.description()).baseUnit(stat.baseUnit()).register(registry);
            } else {
                Gauge.builder(stat.metricName(), value, DoubleSupplier::getAsDouble)
                        .description(stat.description()).baseUnit(stat.baseUnit()).register(registry);
            }
        }
    }

    /** The origin's latency, as a timer (count and total); the rest of the origin is in the prefetch stats. */
    private static void originLatency(MeterRegistry registry, GuardedOrigin origin) {
        FunctionTimer.builder("augur.origin.latency", origin, o -> o.stats().latencyCount(),
                        o -> o.stats().latencySumMicros(), TimeUnit.MICROSECONDS)
                .description("origin call latency").register(registry);
    }

    private static void model(MeterRegistry registry, PrefetchRuntime p) {
        gauge(registry, "augur.model.version", p, s -> lstm(s) == null ? 0 : lstm(s).modelVersion(), null,
                "LSTM model serving (0 = baseline)");
        counter(registry, "augur.model.training.runs", p, s -> lstm(s) == null ? 0 : lstm(s).trainer().runs(),
                "training runs");
        counter(registry, "augur.model.swaps", p, s -> lstm(s) == null ? 0 : lstm(s).trainer().swaps(),
                "trained models put into service");
        gauge(registry, "augur.model.validation.accuracy", p,
                s -> lstm(s) == null ? 0 : lstm(s).trainer().activeAccuracy(), null, "top-2 accuracy of the serving model");
        Timer inference = Timer.builder("augur.model.inference.duration")
                .description("LSTM forward pass (one prediction)")
                .serviceLevelObjectives(INFERENCE_BUCKETS).register(registry);
        p.inferenceObserver(nanos -> inference.record(nanos, TimeUnit.NANOSECONDS));
    }

    private static LstmPredictor lstm(PrefetchRuntime p) {
        return p.predictor() instanceof LstmPredictor l ? l : null;
    }

    private static <T> void counter(MeterRegistry registry, String name, T source, ToDoubleFunction<T> f,
                                    String description) {
        FunctionCounter.builder(name, source, f).description(description).register(registry);
    }

    private static <T> void gauge(MeterRegistry registry, String name, T source, ToDoubleFunction<T> f,
                                  String baseUnit, String description) {
        Gauge.Builder<T> b = Gauge.builder(name, source, f).description(description);
        if (baseUnit != null) {
            b.baseUnit(baseUnit);
        }
        b.register(registry);
    }
}
