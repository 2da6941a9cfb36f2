package io.augur.server.info;

import io.augur.server.testing.Await;
import io.augur.server.testing.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** INFO read by an operator over the wire (Jedis): memory a process really uses, and why prefetch is idle. */
class InfoForOperatorsTest {

    @TempDir
    Path dir;

    @Test
    void memory_usedMemoryCountsTheEntries_andRssIsTheWholeProcess() throws Exception {
        try (RunningServer server = RunningServer.start(dir.resolve("data"));
             Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            long before = Long.parseLong(fields(jedis.info("memory")).get("used_memory"));
            String value = "x".repeat(1000);
            for (int i = 0; i < 200; i++) {
                jedis.set("mem:" + i, value);
            }
            Map<String, String> memory = fields(jedis.info("memory"));
            long used = Long.parseLong(memory.get("used_memory"));
            long rss = Long.parseLong(memory.get("used_memory_rss"));
            assertThat(used - before).as("200 values of 1000 bytes").isGreaterThanOrEqualTo(200_000);
            assertThat(rss).as("the JVM alone is larger than the entries").isGreaterThan(used);
            assertThat(memory.get("used_memory_rss_human")).matches("[0-9.]+[KMG]");
        }
    }

    @Test
    void predictor_withoutOrigin_saysNoneAndWhy_andNamesNoEmptyPredictor() throws Exception {
        try (RunningServer server = RunningServer.start(dir.resolve("data"));
             Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            jedis.get("anything");
            Map<String, String> predictor = fields(jedis.info("predictor"));
            assertThat(predictor).containsEntry("predictor", "none")
                    .containsEntry("predictor_idle_reason", "no origin configured")
                    .containsEntry("engine", "none")
                    .containsEntry("engine_reason", "not loaded: no origin configured");
            assertThat(jedis.info("predictors")).doesNotContain("predictor_:");
        }
    }

    @Test
    void predictor_withOrigin_namesTheOneThatRuns_andIdleReasonFollowsPrefetchEnabled() throws Exception {
        try (RunningServer server = RunningServer.start(dir.resolve("data"), "origin", "sim://?latency=1ms",
                "predictor", "successor");
             Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            Map<String, String> running = Await.until("the predictor thread to choose its predictor",
                    () -> fields(jedis.info("predictor")), f -> "successor".equals(f.get("predictor")));
            assertThat(running).containsEntry("predictor_idle_reason", "");
            assertThat(running.get("engine_reason")).contains("only the lstm predictor uses it");
            jedis.configSet("prefetch-enabled", "no");
            assertThat(fields(jedis.info("predictor"))).containsEntry("predictor", "successor")
                    .containsEntry("predictor_idle_reason", "prefetch-enabled is no");
        }
    }

    /** INFO's `name:value` lines as a map (an empty value stays empty). */
    static Map<String, String> fields(String info) {
        return info.lines().filter(l -> !l.startsWith("#") && l.contains(":"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf(':') + 1),
                        (a, b) -> b));
    }
}
