package io.augur.server.metrics;

import io.augur.server.testing.RedisServerProcess;
import io.augur.server.testing.RunningServer;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The Prometheus endpoint, scraped for real: by HTTP, by promtool, and by a Prometheus server. */
class MetricsEndpointTest {

    @TempDir
    static Path dir;
    static RunningServer server;
    static RedisCommands<String, String> redis;
    static int metricsPort;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(dir.resolve("augur"), "metrics-port",
                Integer.toString(RedisServerProcess.freePort()));
        metricsPort = server.server().metricsPort();
        redis = server.lettuce();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort + path))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static double value(String exposition, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(exposition);
        assertThat(m.find()).as("series %s in the exposition", series).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void metrics_countCommandsAndKeyspace_inPrometheusNames_withoutKeyNames() throws Exception {
        redis.get("warm-up"); // a command's meters exist from its first call on
        double getsBefore = value(get("/metrics").body(), "augur_commands_total{command=\"get\",}");
        redis.set("secret-customer-key-42", "v");
        redis.get("secret-customer-key-42");
        redis.get("secret-customer-key-42");
        redis.get("absent-secret-key");
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        String body = response.body();
        assertThat(value(body, "augur_commands_total{command=\"get\",}") - getsBefore).isEqualTo(3);
        assertThat(value(body, "augur_keyspace_hits_total")).isGreaterThanOrEqualTo(2);
        assertThat(value(body, "augur_keyspace_misses_total")).isGreaterThanOrEqualTo(1);
        assertThat(value(body, "augur_keys")).isGreaterThanOrEqualTo(1);
        assertThat(body).contains("augur_command_duration_seconds_bucket{command=\"get\",le=")
                .contains("augur_memory_used_bytes").contains("augur_clients_connected")
                .contains("augur_accesslog_dropped_total").contains("augur_prefetch_used_total")
                .contains("augur_origin_requests_total").contains("augur_model_version")
                .contains("augur_model_inference_duration_seconds_bucket{le=")
                .contains("augur_predictor_shadow_precision{predictor=\"successor+delta\",}")
                .contains("jvm_memory_used_bytes").contains("process_cpu_usage");
        assertThat(body).doesNotContain("secret-customer-key").doesNotContain("absent-secret-key");
    }

    @Test
    void grafanaDashboard_queriesOnlyMetricsAugurExports() throws Exception {
        Path dashboard = Path.of("..", "deploy", "grafana", "dashboards", "augur.json");
        assumeTrue(Files.exists(dashboard), "run from the server module");
        String json = Files.readString(dashboard);
        redis.set("dashboard", "v"); // per-command meters are registered on first use
        redis.get("dashboard");
        String body = get("/metrics").body();
        Matcher names = Pattern.compile("(augur_[a-z0-9_]+|jvm_[a-z0-9_]+)").matcher(json);
        int checked = 0;
        while (names.find()) {
            String name = names.group(1);
            if (name.startsWith("augur_prefetch_source_")) {
                continue; // registered at a source's first prefetch: MetricsForOperatorsTest checks them
            }
            assertThat(body).as("dashboard metric %s is exported", name).containsPattern("(?m)^" + name + "[{ ]");
            checked++;
        }
        assertThat(checked).isGreaterThan(15);
    }

    @Test
    void health_andReady_answer200() throws Exception {
        assertThat(get("/health").statusCode()).isEqualTo(200);
        HttpResponse<String> ready = get("/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).contains("ready");
    }

    @Test
    void exposition_passesPromtoolCheckMetrics() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/promtool")), "promtool not installed (apt-get install prometheus)");
        redis.set("k", "v");
        String body = get("/metrics").body();
        Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        promtool.getOutputStream().write(body.getBytes());
        promtool.getOutputStream().close();
        String output = new String(promtool.getInputStream().readAllBytes());
        assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(promtool.exitValue()).as("promtool says: %s", output).isZero();
        for (Path shipped : new Path[] {Path.of("..", "deploy", "prometheus.yml"),
                Path.of("..", "deploy", "compose", "prometheus.yml")}) {
            if (Files.exists(shipped)) {
                Process config = new ProcessBuilder("promtool", "check", "config", shipped.toString())
                        .redirectErrorStream(true).start();
                String said = new String(config.getInputStream().readAllBytes());
                assertThat(config.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(config.exitValue()).as("promtool check config %s: %s", shipped, said).isZero();
            }
        }
    }

    @Test
    void realPrometheusServer_scrapesAugur_andAnswersAQuery() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/prometheus")), "prometheus not installed");
        for (int i = 0; i < 5; i++) {
            redis.set("p" + i, "v");
            redis.get("p" + i);
        }
        int promPort = RedisServerProcess.freePort();
        Path promDir = Files.createDirectories(dir.resolve("prometheus"));
        Path config = promDir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                scrape_configs:
                  - job_name: augur
                    static_configs:
                      - targets: ['127.0.0.1:%d']
                """.formatted(metricsPort));
        Process prometheus = new ProcessBuilder("prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + promDir.resolve("data"), "--web.listen-address=127.0.0.1:" + promPort)
                .redirectErrorStream(true).redirectOutput(promDir.resolve("prometheus.log").toFile()).start();
        try {
            URI query = URI.create("http://127.0.0.1:" + promPort + "/api/v1/query?query=augur_keyspace_hits_total");
            String answer = "";
            long deadline = System.currentTimeMillis() + 60_000;
            while (System.currentTimeMillis() < deadline) {
                try {
                    answer = HTTP.send(HttpRequest.newBuilder(query).build(), HttpResponse.BodyHandlers.ofString()).body();
                    if (answer.contains("\"result\":[{")) {
                        break;
                    }
                } catch (java.io.IOException notYet) {
                    // Prometheus still starting
                }
                Thread.sleep(500);
            }
            assertThat(answer).contains("\"status\":\"success\"").contains("augur_keyspace_hits_total")
                    .contains("\"job\":\"augur\"");
            Matcher m = Pattern.compile("\"value\":\\[[0-9.]+,\"([0-9.]+)\"\\]").matcher(answer);
            assertThat(m.find()).isTrue();
            assertThat(Double.parseDouble(m.group(1))).isGreaterThanOrEqualTo(5);
        } finally {
            prometheus.destroy();
            prometheus.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
