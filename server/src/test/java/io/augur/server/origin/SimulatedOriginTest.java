package io.augur.server.origin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The simulated origin: its values, latency, and repeatable absent and error keys.
 */
class SimulatedOriginTest {

    /** Deadline for an answer due soon: generous, so a loaded machine cannot fail the test. */
    private static final long AWAIT_SECONDS = 30;

    @Test
    void expectedValue_shortSize_truncatesPrefixedKey() {
        assertThat(new String(SimulatedOrigin.expectedValue("ab".getBytes(UTF_8), 5), UTF_8)).isEqualTo("value");
    }

    @Test
    void expectedValue_longSize_repeatsPattern() {
        assertThat(new String(SimulatedOrigin.expectedValue("k".getBytes(UTF_8), 15), UTF_8))
                .isEqualTo("value-of:kvalue");
    }

    @Test
    void fetch_anyKey_returnsExpectedValueOfConfiguredSize() throws Exception {
        try (Origin sim = Origins.open("sim://?latency=0&size=40", OriginSettings.defaults())) {
            byte[] key = "user:42".getBytes(UTF_8);

            assertThat(sim.fetch(key).get(AWAIT_SECONDS, TimeUnit.SECONDS))
                    .isEqualTo(SimulatedOrigin.expectedValue(key, 40));
        }
    }

    @Test
    void fetch_latencyConfigured_answersNotBeforeThatLong() throws Exception {
        try (Origin sim = Origins.open("sim://?latency=50ms", OriginSettings.defaults())) {
            byte[] key = "k".getBytes(UTF_8);
            long start = System.nanoTime();
            CompletableFuture<byte[]> result = sim.fetch(key);

            // A scheduled answer never comes early, but may come late on a busy machine: the lower bound
            // is exact, the upper one only a generous deadline.
            assertThat(result.get(AWAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(SimulatedOrigin.expectedValue(key, 100));
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(50L);
        }
    }

    @Test
    @Timeout(AWAIT_SECONDS)
    void fetch_manyCallsWithLatency_returnBeforeAnyAnswers() {
        // With an hour of latency, a fetch that waited for its answer would never return: the loop
        // finishing (within the timeout) with every future still pending shows the caller never waits.
        try (Origin sim = Origins.open("sim://?latency=3600s&jitter=10ms", OriginSettings.defaults())) {
            List<CompletableFuture<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                results.add(sim.fetch(("k" + i).getBytes(UTF_8)));
            }

            assertThat(results).noneMatch(CompletableFuture::isDone);
        }
    }

    @Test
    void fetch_missingAndErrorFractions_areAboutConfiguredAndRepeatable() {
        String uri = "sim://?missing=0.2&errors=0.1&size=8";
        List<String> first = outcomes(uri, 5000);
        List<String> second = outcomes(uri, 5000);

        assertThat(second).isEqualTo(first);
        assertThat(share(first, "absent")).isCloseTo(0.2, within(0.03));
        assertThat(share(first, "error")).isCloseTo(0.1, within(0.03));
    }

    @Test
    void open_unknownParameter_isRejectedWithOneLine() {
        assertThatThrownBy(() -> Origins.open("sim://?latncy=5ms", OriginSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("latncy");
    }

    @Test
    void open_durationWithoutUnit_isRejected() {
        assertThatThrownBy(() -> Origins.open("sim://?latency=5", OriginSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("latency: 5 (expected: a duration like 5ms, 250us or 1s)");
    }

    @Test
    void open_fractionsAboveOne_isRejected() {
        assertThatThrownBy(() -> Origins.open("sim://?missing=0.7&errors=0.5", OriginSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void requests_countsBackendCalls() {
        SimulatedOrigin sim = new SimulatedOrigin(Duration.ZERO, Duration.ZERO, 0, 0, 1);
        sim.fetch(new byte[] {1});
        sim.fetch(new byte[] {2});

        assertThat(sim.requests()).isEqualTo(2);
        sim.close();
    }

    private static List<String> outcomes(String uri, int keys) {
        List<String> outcomes = new ArrayList<>(keys);
        try (Origin sim = Origins.open(uri, OriginSettings.defaults())) {
            for (int i = 0; i < keys; i++) {
                outcomes.add(sim.fetch(("key:" + i).getBytes(UTF_8))
                        .handle((value, error) -> error != null ? "error" : value == null ? "absent" : "value")
                        .join());
            }
        }
        return outcomes;
    }

    private static double share(List<String> outcomes, String outcome) {
        return outcomes.stream().filter(outcome::equals).count() / (double) outcomes.size();
    }

    @Test
    void change_keyOfAGroupWithAPeriod_changesOncePerPeriod_andANeverGroupStays() throws Exception {
        long[] now = {1_000_000};
        OriginSettings settings = OriginSettings.builder().optClockMillis(() -> now[0]).build();
        try (SimulatedOrigin sim = (SimulatedOrigin) Origins.open("sim://?size=40&change=user:*=1s,product:*=never",
                settings)) {
            byte[] user = "user:1".getBytes(UTF_8);
            byte[] product = "product:1".getBytes(UTF_8);
            List<byte[]> userValues = new ArrayList<>();
            List<byte[]> productValues = new ArrayList<>();
            for (int step = 0; step < 10; step++) {
                userValues.add(sim.fetch(user).get(AWAIT_SECONDS, TimeUnit.SECONDS));
                productValues.add(sim.fetch(product).get(AWAIT_SECONDS, TimeUnit.SECONDS));
                now[0] += 500;
            }
            // 10 reads 500 ms apart span 4.5 s: a 1 s period changes 4 or 5 times, never twice in a row.
            long distinct = userValues.stream().map(v -> new String(v, UTF_8)).distinct().count();
            assertThat(distinct).isBetween(5L, 6L);
            assertThat(productValues).allSatisfy(v -> assertThat(v).isEqualTo(SimulatedOrigin.expectedValue(product, 40)));
            assertThat(sim.valueAt(user, now[0] - 500)).isEqualTo(userValues.get(9));
        }
    }

    @Test
    void change_badSpec_failsWithTheExpectedForm() {
        assertThatThrownBy(() -> Origins.open("sim://?change=user:*", OriginSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("glob=period");
        assertThatThrownBy(() -> Origins.open("sim://?change=user:*=soon", OriginSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duration");
    }
}
