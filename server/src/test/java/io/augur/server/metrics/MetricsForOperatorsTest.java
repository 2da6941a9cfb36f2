package io.augur.server.metrics;

import io.augur.server.testing.InfoFields;
import io.augur.server.testing.RedisServerProcess;
import io.lettuce.core.api.sync.RedisCommands;
import io.augur.server.testing.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator's Prometheus sees: histograms with buckets, seconds, the build, meters only for used commands. */
class MetricsForOperatorsTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void idleServer_listsNoCommandMeters_untilACommandRuns() throws Exception {
        try (RunningServer server = RunningServer.start(dir.resolve("data"), "metrics-port",
                Integer.toString(RedisServerProcess.freePort()));
             Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            String idle = scrape(server);
            assertThat(idle).doesNotContain("augur_command_duration_seconds_bucket")
                    .doesNotContain("augur_commands_total{");
            jedis.get("first");
            String after = scrape(server);
            assertThat(after).contains("augur_command_duration_seconds_bucket{command=\"get\",le=")
                    .contains("augur_commands_total{command=\"get\",} 1.0")
                    .doesNotContain("command=\"set\"");
            // One command's histogram, not sixty: the scrape grows by a few kB, not by ~90 kB.
            assertThat(after.length() - idle.length()).isLessThan(8_000);
        }
    }

    @Test
    void buildInfo_isOne_labelledWithTheVersion() throws Exception {
        try (RunningServer server = RunningServer.start(dir.resolve("data"), "metrics-port",
                Integer.toString(RedisServerProcess.freePort()))) {
            String body = scrape(server);
            assertThat(body).containsPattern("(?m)^augur_build_info\\{version=\"" + Pattern.quote(
                    server.server().context().version()) + "\",} 1.0$");
        }
    }

    @Test
    void originLatency_isAHistogramInSeconds_andPrecisionIsNaNBeforeAnyPrefetch() throws Exception {
        try (RunningServer server = RunningServer.start(dir.resolve("data"), "metrics-port",
                Integer.toString(RedisServerProcess.freePort()), "origin", "sim://?latency=2ms", "read-through", "yes",
                "prefetch-enabled", "no");
             Jedis jedis = new Jedis("127.0.0.1", server.port())) {
            String before = scrape(server);
            assertThat(value(before, "augur_prefetch_precision")).isNaN();
            assertThat(jedis.get("user:1")).isNotNull(); // a miss, loaded from the origin
            String body = scrape(server);
            assertThat(value(body, "augur_origin_latency_seconds_count")).isEqualTo(1);
            assertThat(value(body, "augur_origin_latency_seconds_bucket{le=\"0.001\",}")).isZero();
            assertThat(value(body, "augur_origin_latency_seconds_bucket{le=\"2.5\",}")).isEqualTo(1);
            assertThat(body).contains("augur_predictor_shadow_predict_duration_seconds{predictor=")
                    .doesNotContain("micros");
        }
    }

    @Test
    void prefetchesAreCountedBySourceOfPrediction_asInInfo() throws Exception {
        try (RunningServer server = RunningServer.start(dir.resolve("data"), "metrics-port",
                Integer.toString(RedisServerProcess.freePort()), "origin", "sim://?latency=1ms", "read-through", "yes",
                "predictor", "successor", "prefetch-min-confidence", "0.3", "prefetch-dedup-window", "0")) {
            RedisCommands<String, String> redis = server.lettuce();
            assertThat(scrape(server)).doesNotContain("augur_prefetch_source_issued_total");
            for (int round = 0; round < 4; round++) {
                redis.flushall();
                for (int i = 0; i < 20; i++) {
                    redis.get("item:" + (i * 7919 % 1000)); // a loop the successor table learns
                    InfoFields.awaitPrefetchSettled(redis);
                }
            }
            Map<String, String> info = InfoFields.parse(redis.info("prefetch"));
            String body = scrape(server);
            assertThat(Long.parseLong(info.get("prefetch_used"))).isPositive();
            assertThat(value(body, "augur_prefetch_source_issued_total{source=\"successor\",}"))
                    .isEqualTo(Double.parseDouble(info.get("prefetch_issued")));
            assertThat(value(body, "augur_prefetch_source_used_total{source=\"successor\",}"))
                    .isEqualTo(Double.parseDouble(info.get("prefetch_used")));
        }
    }

    private static String scrape(RunningServer server) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + server.server().metricsPort() + "/metrics")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static double value(String exposition, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(exposition);
        assertThat(m.find()).as("series %s in the exposition", series).isTrue();
        return Double.parseDouble(m.group(1));
    }
}
