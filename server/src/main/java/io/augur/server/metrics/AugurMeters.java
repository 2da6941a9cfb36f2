package io.augur.server.metrics;

import io.augur.server.command.CommandContext;
import io.augur.server.command.CommandCounters;
import io.augur.server.command.CommandSpec;
import io.augur.server.origin.GuardedOrigin;
import io.augur.server.prefetch.PrefetchRuntime;
import io.augur.server.stats.Stat;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;

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

    /** Bucket bounds of the origin latency histogram: 1 ms (a cache next door) to 2.5 s (past any timeout default). */
    private static final Duration[] ORIGIN_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1000), Duration.ofMillis(2500)};

    /** Bucket bounds of the adaptive TTL histogram: 100 ms to 1 h (origin-ttl-min/max defaults 1 s and 1 h). */
    private static final Duration[] TTL_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1)};

    private AugurMeters() {
    }

    /**
     * {@code stats}: every declared statistic (INFO's sections: server, stats, prefetch, predictor,
     * …); the meters that are not one number (per-command counters and histograms, origin and
     * inference timers) are bound here.
     */
    public static void bind(MeterRegistry registry, CommandContext server, PrefetchRuntime prefetch,
                            GuardedOrigin origin, List<Stat> stats) {
        Gauge.builder("augur.build.info", () -> 1).tag("version", server.version())
                .description("1, labelled with the running Augur's version").register(registry);
        commands(registry, server);
        register(registry, stats);
        originLatency(registry, origin);
        inference(registry, prefetch);
        adaptiveTtls(registry, prefetch);
        prefetchSources(registry, prefetch);
    }

    /** Issued and used prefetches per source of prediction (network, successor, chain, ...), from each source's first prefetch. */
    private static void prefetchSources(MeterRegistry registry, PrefetchRuntime p) {
        p.stats().onNewSource(source -> {
            FunctionCounter.builder("augur.prefetch.source.issued", p.stats(), s -> s.issuedBy(source))
                    .tag("source", source).description("prefetches issued on this source's predictions")
                    .register(registry);
            FunctionCounter.builder("augur.prefetch.source.used", p.stats(), s -> s.usedBy(source))
                    .tag("source", source).description("prefetched keys from this source's predictions read by a client")
                    .register(registry);
        });
    }

    private static void adaptiveTtls(MeterRegistry registry, PrefetchRuntime p) {
        Timer ttls = Timer.builder("augur.origin.ttl.assigned")
                .description("adaptive TTLs given to values loaded from the origin")
                .serviceLevelObjectives(TTL_BUCKETS).register(registry);
        p.freshness().stats().ttlObserver(millis -> ttls.record(millis, TimeUnit.MILLISECONDS));
    }

    /** Each command's meters, registered on its first call (60 commands × 15 series would bloat an idle scrape). */
    private static void commands(MeterRegistry registry, CommandContext server) {
        for (CommandSpec spec : server.commands().all()) {
            CommandCounters c = spec.counters();
            c.metersOnFirstUse(() -> {
                FunctionCounter.builder("augur.commands", c, CommandCounters::calls).tag("command", spec.name())
                        .description("commands processed").register(registry);
                FunctionCounter.builder("augur.command.errors", c, CommandCounters::failed).tag("command", spec.name())
                        .description("commands that replied with an error").register(registry);
                return Timer.builder("augur.command.duration").tag("command", spec.name())
                        .description("time to execute a command, without network")
                        .serviceLevelObjectives(COMMAND_BUCKETS).register(registry);
            });
        }
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
                        .description(stat.description()).baseUnit(stat.baseUnit()).tags(tags(stat))
                        .register(registry);
            } else {
                Gauge.builder(stat.metricName(), value, DoubleSupplier::getAsDouble)
                        .description(stat.description()).baseUnit(stat.baseUnit()).tags(tags(stat))
                        .register(registry);
            }
        }
    }

    private static Tags tags(Stat stat) {
        return Tags.of(stat.tags().toArray(String[]::new));
    }

    /** Each origin call's latency into a histogram; the rest of the origin is in the prefetch stats. */
    private static void originLatency(MeterRegistry registry, GuardedOrigin origin) {
        Timer latency = Timer.builder("augur.origin.latency").description("origin call latency")
                .serviceLevelObjectives(ORIGIN_BUCKETS).register(registry);
        origin.latencyObserver(nanos -> latency.record(nanos, TimeUnit.NANOSECONDS));
    }

    private static void inference(MeterRegistry registry, PrefetchRuntime p) {
        Timer inference = Timer.builder("augur.model.inference.duration")
                .description("LSTM forward pass (one context, or a batch of them)")
                .serviceLevelObjectives(INFERENCE_BUCKETS).register(registry);
        p.inferenceObserver(nanos -> inference.record(nanos, TimeUnit.NANOSECONDS));
    }
}
