package io.augur.server.command;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Every call is counted; the latency histogram times the first call, then one in eight. */
class CommandCountersTest {

    @Test
    void everyCallAndError_isCounted_whileTheTimerSamplesTheFirstCallThenOneInEight() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        CommandCounters counters = new CommandCounters();
        counters.metersOnFirstUse(() -> Timer.builder("augur.command.duration").register(registry));
        counters.record(5_000, false);
        Timer timer = registry.get("augur.command.duration").timer();
        assertThat(timer.count()).isEqualTo(1); // an operator sees latency from the first call on

        for (int i = 1; i < 80; i++) {
            counters.record(5_000, i % 10 == 0);
        }
        assertThat(counters.calls()).isEqualTo(80);
        assertThat(counters.failed()).isEqualTo(7);
        assertThat(counters.micros()).isEqualTo(80 * 5);
        assertThat(timer.count()).isEqualTo(80 / CommandCounters.TIMED_ONE_IN);
        assertThat(timer.mean(TimeUnit.NANOSECONDS)).isEqualTo(5_000);
    }
}
