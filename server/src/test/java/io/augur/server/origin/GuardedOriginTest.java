package io.augur.server.origin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The origin guard: timeout, concurrency limit, circuit breaker (on a step clock) and single-flight loading.
 */
class GuardedOriginTest {

    private static final byte[] KEY = "user:1".getBytes(UTF_8);
    /** Deadline for a result that should come at once: generous, so a loaded machine cannot fail the test. */
    private static final long AWAIT_SECONDS = 30;

    @Test
    void fetch_originAnswers_returnsValueAndCountsHit() throws Exception {
        ControlledOrigin origin = new ControlledOrigin();
        try (GuardedOrigin guarded = new GuardedOrigin(origin, OriginSettings.defaults())) {
            assertThat(guarded.fetch(KEY).get(AWAIT_SECONDS, TimeUnit.SECONDS))
                    .isEqualTo(SimulatedOrigin.expectedValue(KEY, 16));

            OriginStats stats = guarded.stats();
            assertThat(stats.requests()).isEqualTo(1);
            assertThat(stats.hits()).isEqualTo(1);
            assertThat(stats.inFlight()).isZero();
            assertThat(stats.latencyCount()).isEqualTo(1);
            assertThat(stats.breakerState()).isEqualTo("closed");
        }
    }

    @Test
    void fetch_originSaysAbsent_completesWithNullAndCountsAbsent() throws Exception {
        SimulatedOrigin sim = new SimulatedOrigin(Duration.ZERO, Duration.ZERO, 1.0, 0.0, 10);
        try (GuardedOrigin guarded = new GuardedOrigin(sim, OriginSettings.defaults())) {
            assertThat(guarded.fetch(KEY).get(AWAIT_SECONDS, TimeUnit.SECONDS)).isNull();
            assertThat(guarded.stats().absent()).isEqualTo(1);
        }
    }

    @Test
    void fetch_originNeverAnswers_failsWithTimeoutNotBeforeDeadline() {
        ControlledOrigin origin = new ControlledOrigin();
        origin.mode(ControlledOrigin.Mode.HOLD);
        OriginSettings settings = OriginSettings.builder().optTimeoutMillis(100).build();
        try (GuardedOrigin guarded = new GuardedOrigin(origin, settings)) {
            long start = System.nanoTime();
            CompletableFuture<byte[]> result = guarded.fetch(KEY);

            // The deadline fires on the JDK's timer, which never runs early but may run late on a busy
            // machine: check the lower bound exactly and the upper one only as a generous deadline.
            assertThatThrownBy(() -> result.get(AWAIT_SECONDS, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(OriginTimeoutException.class);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(100L);
            assertThat(guarded.stats().timeouts()).isEqualTo(1);
            assertThat(guarded.stats().inFlight()).isZero();
        }
    }

    @Test
    void fetch_timeoutChangedAtRunTime_appliesToNextCall() {
        ControlledOrigin origin = new ControlledOrigin();
        origin.mode(ControlledOrigin.Mode.HOLD);
        OriginSettings settings = OriginSettings.builder().optTimeoutMillis(10_000).build();
        try (GuardedOrigin guarded = new GuardedOrigin(origin, settings)) {
            settings.timeoutMillis(50);

            assertThatThrownBy(() -> guarded.fetch(KEY).get(AWAIT_SECONDS, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(OriginTimeoutException.class);
        }
    }

    @Test
    void fetch_beyondConcurrencyLimit_rejectsFastWithBusy() throws Exception {
        ControlledOrigin origin = new ControlledOrigin();
        origin.mode(ControlledOrigin.Mode.HOLD);
        OriginSettings settings = OriginSettings.builder().optMaxConcurrent(4).optTimeoutMillis(10_000).build();
        try (GuardedOrigin guarded = new GuardedOrigin(origin, settings)) {
            List<CompletableFuture<byte[]>> admitted = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                admitted.add(guarded.fetch(("k" + i).getBytes(UTF_8)));
            }

            CompletableFuture<byte[]> fifth = guarded.fetch("k4".getBytes(UTF_8));

            assertThat(fifth).isCompletedExceptionally();
            assertThatThrownBy(fifth::get).hasCauseInstanceOf(OriginBusyException.class);
            assertThat(origin.calls()).isEqualTo(4);
            assertThat(guarded.stats().rejectedBusy()).isEqualTo(1);
            assertThat(guarded.stats().inFlight()).isEqualTo(4);

            origin.releaseHeld("v".getBytes(UTF_8));
            for (CompletableFuture<byte[]> future : admitted) {
                assertThat(future.get(AWAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("v".getBytes(UTF_8));
            }
            origin.mode(ControlledOrigin.Mode.ANSWER);
            assertThat(guarded.fetch("k4".getBytes(UTF_8)).get(AWAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
            assertThat(guarded.stats().inFlight()).isZero();
        }
    }

    @Test
    void fetch_repeatedFailures_opensBreakerAndFailsFastWithoutCallingOrigin() {
        ControlledOrigin origin = new ControlledOrigin();
        origin.mode(ControlledOrigin.Mode.FAIL);
        OriginSettings settings = OriginSettings.builder().optBreakerOpenMillis(60_000).build();
        try (GuardedOrigin guarded = new GuardedOrigin(origin, settings)) {
            for (int i = 0; i < GuardedOrigin.BREAKER_MIN_CALLS; i++) {
                assertThatThrownBy(() -> guarded.fetch(KEY).join()).hasCauseInstanceOf(OriginException.class);
            }
            assertThat(guarded.stats().breakerState()).isEqualTo("open");

            assertThatThrownBy(() -> guarded.fetch(KEY).join()).hasCauseInstanceOf(OriginUnavailableException.class);
            assertThat(origin.calls()).isEqualTo(GuardedOrigin.BREAKER_MIN_CALLS);
            assertThat(guarded.stats().errors()).isEqualTo(GuardedOrigin.BREAKER_MIN_CALLS);
            assertThat(guarded.stats().rejectedOpen()).isEqualTo(1);
        }
    }

    @Test
    void fetch_originHealsAfterBreakerWait_halfOpenProbesCloseBreaker() throws Exception {
        ControlledOrigin origin = new ControlledOrigin();
        origin.mode(ControlledOrigin.Mode.FAIL);
        StepClock clock = new StepClock();
        OriginSettings settings = OriginSettings.builder().optBreakerOpenMillis(200).build();
        try (GuardedOrigin guarded = new GuardedOrigin(origin, settings, clock)) {
            for (int i = 0; i < GuardedOrigin.BREAKER_MIN_CALLS; i++) {
                guarded.fetch(KEY).exceptionally(error -> null).join();
            }
            assertThat(guarded.stats().breakerState()).isEqualTo("open");
            origin.mode(ControlledOrigin.Mode.ANSWER);

            clock.advance(Duration.ofMillis(199));
            assertThatThrownBy(() -> guarded.fetch(KEY).join()).hasCauseInstanceOf(OriginUnavailableException.class);
            assertThat(origin.calls()).isEqualTo(GuardedOrigin.BREAKER_MIN_CALLS);

            clock.advance(Duration.ofMillis(2));
            guarded.fetch(KEY).get(AWAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(guarded.stats().breakerState()).isEqualTo("half_open");
            for (int i = 1; i < GuardedOrigin.BREAKER_PROBE_CALLS; i++) {
                guarded.fetch(KEY).get(AWAIT_SECONDS, TimeUnit.SECONDS);
            }

            assertThat(guarded.stats().breakerState()).isEqualTo("closed");
            assertThat(guarded.fetch(KEY).get(AWAIT_SECONDS, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void fetch_hundredConcurrentCallersOfOneKey_makeOneBackendRequest() throws Exception {
        // The origin holds the call until every caller has asked, so all 100 overlap however the
        // threads are scheduled (a fixed latency would let a late caller start a second request).
        ControlledOrigin origin = new ControlledOrigin();
        origin.mode(ControlledOrigin.Mode.HOLD);
        OriginSettings settings = OriginSettings.builder().optTimeoutMillis(600_000).build();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        try (GuardedOrigin guarded = new GuardedOrigin(origin, settings)) {
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<CompletableFuture<byte[]>>> submitted = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                submitted.add(CompletableFuture.supplyAsync(() -> {
                    awaitQuietly(go);
                    return guarded.fetch(KEY);
                }, callers));
            }
            go.countDown();
            List<CompletableFuture<byte[]>> results = new ArrayList<>();
            for (CompletableFuture<CompletableFuture<byte[]>> call : submitted) {
                results.add(call.get(AWAIT_SECONDS, TimeUnit.SECONDS));
            }

            origin.releaseHeld(SimulatedOrigin.expectedValue(KEY, 32));

            for (CompletableFuture<byte[]> result : results) {
                assertThat(result.get(AWAIT_SECONDS, TimeUnit.SECONDS))
                        .isEqualTo(SimulatedOrigin.expectedValue(KEY, 32));
            }
            assertThat(origin.calls()).isEqualTo(1);
            OriginStats stats = guarded.stats();
            assertThat(stats.requests()).isEqualTo(100);
            assertThat(stats.coalesced()).isEqualTo(99);
            assertThat(stats.hits()).isEqualTo(1);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void fetch_afterSharedCallFinished_startsFreshBackendRequest() throws Exception {
        ControlledOrigin origin = new ControlledOrigin();
        try (GuardedOrigin guarded = new GuardedOrigin(origin, OriginSettings.defaults())) {
            guarded.fetch(KEY).get(AWAIT_SECONDS, TimeUnit.SECONDS);
            guarded.fetch(KEY).get(AWAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(origin.calls()).isEqualTo(2);
            assertThat(guarded.stats().coalesced()).isZero();
        }
    }

    @Test
    void fetch_oneCallerCancelsItsFuture_otherCallersStillGetTheValue() throws Exception {
        ControlledOrigin origin = new ControlledOrigin();
        origin.mode(ControlledOrigin.Mode.HOLD);
        try (GuardedOrigin guarded = new GuardedOrigin(origin, OriginSettings.defaults())) {
            CompletableFuture<byte[]> first = guarded.fetch(KEY);
            CompletableFuture<byte[]> second = guarded.fetch(KEY);

            first.cancel(true);
            origin.releaseHeld("v".getBytes(UTF_8));

            assertThat(second.get(AWAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo("v".getBytes(UTF_8));
        }
    }

    @Test
    void fetch_backendThrowsInsteadOfFailingFuture_completesExceptionally() {
        Origin throwing = new Origin() {
            @Override
            public CompletableFuture<byte[]> fetch(byte[] key) {
                throw new IllegalStateException("broken backend");
            }

            @Override
            public String describe() {
                return "throwing";
            }

            @Override
            public void close() {
            }
        };
        try (GuardedOrigin guarded = new GuardedOrigin(throwing, OriginSettings.defaults())) {
            assertThatThrownBy(() -> guarded.fetch(KEY).join()).hasCauseInstanceOf(IllegalStateException.class);
            assertThat(guarded.stats().errors()).isEqualTo(1);
            assertThat(guarded.stats().inFlight()).isZero();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
