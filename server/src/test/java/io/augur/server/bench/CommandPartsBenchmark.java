package io.augur.server.bench;

import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.log.AccessLog;
import io.augur.server.command.CommandCounters;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * What every GET and SET pays beside the store: the access-log offer (one event, drained as the
 * predictor thread would) and the per-command counters with metrics on (Micrometer timer with the
 * SLO buckets AugurMeters registers) and off. Run: bench/jmh.sh CommandPartsBenchmark
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CommandPartsBenchmark {

    private final byte[] key = "key:000000012345".getBytes(StandardCharsets.US_ASCII);
    private final AccessLog log = new AccessLog(1 << 16);
    private final Consumer<AccessEvent> sink = e -> { };
    private final CommandCounters countersOnly = new CommandCounters();
    private final CommandCounters withTimer = new CommandCounters();
    private long now;

    @Setup(Level.Trial)
    public void metrics() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        withTimer.metersOnFirstUse(() -> Timer.builder("augur.command.duration").tag("command", "get")
                .serviceLevelObjectives(Duration.ofNanos(10_000), Duration.ofNanos(50_000),
                        Duration.ofNanos(100_000), Duration.ofNanos(250_000), Duration.ofNanos(500_000),
                        Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50),
                        Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1))
                .register(registry));
        withTimer.record(1, false); // registers the timer now, as a command's first call does
    }

    @Benchmark
    public int accessLogOfferAndDrain() {
        log.offer(new AccessEvent(key, AccessEvent.Op.READ, true, ++now, 7));
        return log.drain(sink, 1);
    }

    @Benchmark
    public long countersMetricsOff() {
        countersOnly.record(1_234, false);
        return countersOnly.calls();
    }

    @Benchmark
    public long countersMetricsOn() {
        withTimer.record(1_234, false);
        return withTimer.calls();
    }
}
