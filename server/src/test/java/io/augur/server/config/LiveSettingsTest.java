package io.augur.server.config;

import io.augur.server.testing.Await;
import io.augur.server.testing.RunningServer;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CONFIG SET of a live setting on a running server reaches the component that owns it: INFO shows
 * the value the component now works with (not the config's copy). Behavioural cases: LiveBehaviourTest.
 */
class LiveSettingsTest {

    @TempDir
    static Path dir;
    static RunningServer server;
    static RedisCommands<String, String> redis;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(dir, "origin", "sim://?latency=1ms", "predictor", "successor",
                "shadow-predictors", "delta");
        redis = server.lettuce();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Map<String, String> info(String section) {
        return redis.info(section).lines().filter(l -> l.contains(":")).collect(Collectors.toMap(
                l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf(':') + 1), (a, b) -> a));
    }

    @ParameterizedTest(name = "{0} {1} -> INFO {2} {3}:{4}")
    @CsvSource({
            "maxmemory, 1048576, memory, maxmemory, 1048576",
            "prefetch-min-confidence, 0.35, prefetch, prefetch_min_confidence, 0.35",
            "prefetch-top-k, 5, prefetch, prefetch_top_k, 5",
            "prefetch-max-inflight, 7, prefetch, prefetch_max_inflight, 7",
            "prefetch-max-rate, 12.5, prefetch, prefetch_max_rate, 12.5",
            "prefetch-dedup-window, 900, prefetch, prefetch_dedup_window_ms, 900",
            "prefetch-min-precision, 0.4, prefetch, prefetch_min_precision, 0.4",
            "auto-switch-margin, 0.125, predictor, auto_switch_margin, 0.125",
            "hz, 50, server, hz, 50",
            "maxclients, 77, clients, maxclients, 77",
    })
    void configSet_liveSetting_reachesItsComponent(String setting, String value, String section, String field,
                                                    String expected) {
        assertThat(redis.configSet(setting, value)).isEqualTo("OK");
        assertThat(info(section).get(field)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} -> INFO {2} {3}:{4}, once the predictor thread has seen reads")
    @CsvSource({
            "predictor, delta, prefetch, predictor, delta",
            "ab-test, successor+delta, predictors, ab_test, delta vs successor+delta",
            "prefetch-context, connection, prefetch, prefetch_context, connection",
    })
    void configSet_predictorThreadSetting_takesHoldAtTheNextBatch(String setting, String value, String section,
                                                                   String field, String expected) {
        assertThat(redis.configSet(setting, value)).isEqualTo("OK");
        Await.until(field + " " + expected, () -> {
            redis.get("live:" + System.nanoTime()); // a read, so the predictor thread runs a batch
            return info(section).get(field);
        }, expected::equals);
    }
}
