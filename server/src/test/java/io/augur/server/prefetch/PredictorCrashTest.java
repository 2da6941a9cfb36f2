package io.augur.server.prefetch;

import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.Prediction;
import io.augur.predictor.model.Predictor;
import io.augur.server.testing.Await;
import io.augur.server.testing.RunningServer;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static io.augur.server.prefetch.PrefetchEndToEndTest.parse;
import static io.augur.server.prefetch.PrefetchEndToEndTest.settle;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The predictor thread's active predictor throws mid-traffic (a bug, a native crash surfacing as
 * an exception): the server keeps serving, prefetch goes on with successor+delta, INFO says so.
 */
class PredictorCrashTest {

    @TempDir
    Path dir;

    /** The real predictor of that name, until it has seen {@code healthyEvents}; then every call throws. */
    private static final class FailingAfter implements Predictor {
        private final Predictor real;
        private final int healthyEvents;
        private final AtomicInteger seen = new AtomicInteger();

        FailingAfter(Predictor real, int healthyEvents) {
            this.real = real;
            this.healthyEvents = healthyEvents;
        }

        @Override
        public String name() {
            return real.name();
        }

        @Override
        public void observe(AccessEvent event) {
            if (seen.incrementAndGet() > healthyEvents) {
                throw new IllegalStateException("injected predictor failure");
            }
            real.observe(event);
        }

        @Override
        public List<Prediction> predict(long connectionId, int k) {
            return real.predict(connectionId, k);
        }
    }

    /** Only the successor predictor fails: the fallback is built through the same catalog. */
    private static Function<String, Predictor> failingSuccessor(Function<String, Predictor> catalog) {
        return name -> name.equals("successor") ? new FailingAfter(catalog.apply(name), 100) : catalog.apply(name);
    }

    @Test
    void aPredictorThatThrows_isReplacedByTheBaseline_andServingNeverNotices() throws Exception {
        try (RunningServer server = RunningServer.start(dir, PredictorCrashTest::failingSuccessor,
                "origin", "sim://?latency=1ms", "read-through", "yes", "predictor", "successor",
                "prefetch-dedup-window", "0", "predictor-cpu", "1")) {
            RedisCommands<String, String> redis = server.lettuce();
            redis.set("written-before", "kept");
            // Reads go on (and are all answered) until the predictor's failure is counted.
            Map<String, String> prefetch = Await.until("the injected failure counted", () -> {
                for (int i = 0; i < 40; i++) {
                    assertThat(redis.get("page:" + (i * 7 % 41))).startsWith("value-of:page:" + (i * 7 % 41));
                }
                return parse(redis.info("prefetch"));
            }, m -> !m.get("predictor_errors").equals("0"));
            assertThat(prefetch.get("predictor_errors")).as("INFO prefetch: %s", prefetch).isEqualTo("1");
            assertThat(prefetch.get("predictor")).isEqualTo("successor+delta");
            assertThat(prefetch.get("predictor_requested")).isEqualTo("successor");
            assertThat(redis.get("written-before")).isEqualTo("kept");

            // The baseline learns the cycle and prefetches it; reads and writes never stopped.
            long usedBefore = Long.parseLong(prefetch.get("prefetch_used"));
            for (int round = 0; round < 20; round++) {
                redis.flushall();
                for (int i = 0; i < 40; i++) {
                    settle(redis);
                    redis.get("page:" + (i * 7 % 41));
                }
            }
            Map<String, String> after = parse(redis.info("prefetch"));
            assertThat(Long.parseLong(after.get("prefetch_used"))).isGreaterThan(usedBefore + 100);
            assertThat(after.get("predictor_errors")).isEqualTo("1");
            assertThat(after.get("predictor")).isEqualTo("successor+delta");
            // successor now runs in shadow beside the fallback, and fails there too: dropped, not blamed on the active one.
            Map<String, String> predictors = parse(redis.info("predictors"));
            assertThat(predictors.get("shadow_failures")).isEqualTo("1");
            assertThat(predictors).containsKey("predictor_delta").doesNotContainKey("predictor_successor");
            redis.set("written-after", "kept");
            assertThat(redis.get("written-after")).isEqualTo("kept");
        }
    }

    @Test
    void anABChallengerThatThrows_endsTheTest_andTheActivePredictorKeepsServing() throws Exception {
        try (RunningServer server = RunningServer.start(dir, PredictorCrashTest::failingSuccessor,
                "origin", "sim://?latency=1ms", "read-through", "yes", "predictor", "successor+delta",
                "shadow-predictors", "", "ab-test", "successor", "predictor-cpu", "1")) {
            RedisCommands<String, String> redis = server.lettuce();
            Map<String, String> predictors = Await.until("the A/B test to stop", () -> {
                for (int i = 0; i < 40; i++) {
                    assertThat(redis.get("page:" + (i * 7 % 41))).startsWith("value-of:page:");
                }
                return parse(redis.info("predictors"));
            }, m -> m.get("ab_test").equals("off"));
            assertThat(predictors.get("ab_test")).as("INFO predictors: %s", predictors).isEqualTo("off");
            Map<String, String> prefetch = parse(redis.info("prefetch"));
            assertThat(prefetch.get("predictor_errors")).isEqualTo("1");
            assertThat(prefetch.get("predictor")).isEqualTo("successor+delta");
            long issued = Long.parseLong(prefetch.get("prefetch_issued"));
            redis.flushall();
            for (int i = 0; i < 40; i++) {
                redis.get("page:" + (i * 7 % 41));
            }
            assertThat(Long.parseLong(parse(redis.info("prefetch")).get("prefetch_issued"))).isGreaterThan(issued);
        }
    }
}
