package io.augur.server.status;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The status page's routes on the metrics port, over HTTP (the page itself in Chromium: StatusPageBrowserTest). */
class StatusPageTest {

    @TempDir
    static Path dir;
    static RunningServer server;
    static RedisCommands<String, String> redis;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** What Prometheus 2.42 sends when it scrapes. */
    static final String PROMETHEUS_ACCEPT =
            "application/openmetrics-text;version=1.0.0,application/openmetrics-text;version=0.0.1;q=0.75,"
                    + "text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(dir.resolve("augur"), "metrics-port", Integer.toString(RedisServerProcess.freePort()),
                "origin", "sim://?latency=1ms", "read-through", "yes", "predictor", "successor");
        redis = server.lettuce();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.server().metricsPort() + path)).timeout(Duration.ofSeconds(10));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, String> info(String section) {
        return redis.info(section).lines().filter(l -> l.contains(":")).collect(Collectors.toMap(
                l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf(':') + 1), (a, b) -> a));
    }

    @Test
    void root_askedForByABrowser_isTheStatusPage_thatLoadsOnlyItsOwnFiles() throws Exception {
        HttpResponse<String> page = get("/", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("id=\"hit-ratio\"", "id=\"prefetch-used\"", "id=\"prefetch-precision\"",
                "id=\"origin-rate\"", "id=\"predictor\"", "src=\"/status/uPlot.iife.min.js\"", "src=\"/status/status.js\"");
        // Nothing from the network: every file the page names is served here.
        for (String file : new String[] {"status.js", "status.css", "uPlot.iife.min.js", "uPlot.min.css", "uPlot.LICENSE"}) {
            HttpResponse<String> response = get("/status/" + file, null);
            assertThat(response.statusCode()).as(file).isEqualTo(200);
            assertThat(response.body()).as(file).isNotBlank();
        }
        assertThat(page.body()).doesNotContain("http://", "https://", "//cdn");
        assertThat(get("/status/status.js", null).body()).doesNotContain("http://", "https://");
        assertThat(get("/status/uPlot.LICENSE", null).body()).contains("MIT");
    }

    @Test
    void root_askedForByPrometheusOrWithoutAccept_isStillTheExposition() throws Exception {
        redis.get("status:exposition");
        for (String accept : new String[] {PROMETHEUS_ACCEPT, null}) {
            HttpResponse<String> response = get("/", accept);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.body()).contains("augur_keyspace_misses_total").doesNotContain("<html");
        }
        assertThat(get("/metrics", "text/html").body()).contains("augur_keyspace_misses_total");
    }

    @Test
    void statusJson_hasHistoryAtFirstLoad_andNowAgreesWithInfo() throws Exception {
        redis.get("status:json:1");
        redis.get("status:json:1");
        redis.get("status:json:2");
        HttpResponse<String> response = get("/status.json", null);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/json"));
        Map<String, String> stats = info("stats");
        Map<String, String> prefetch = info("prefetch");
        JsonObject json = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(json.get("intervalSeconds").getAsDouble()).isEqualTo(StatusHistory.INTERVAL_MILLIS / 1000.0);
        JsonArray samples = json.getAsJsonArray("samples");
        assertThat(samples).as("a sample is taken at start").isNotEmpty();
        JsonObject now = json.getAsJsonObject("now");
        // Nothing else reads keys of this server meanwhile: now and INFO read the same counters.
        assertThat(now.get("keyspaceHits").getAsLong()).isEqualTo(Long.parseLong(stats.get("keyspace_hits")));
        assertThat(now.get("keyspaceMisses").getAsLong()).isEqualTo(Long.parseLong(stats.get("keyspace_misses")));
        assertThat(now.get("originRequests").getAsLong()).isEqualTo(Long.parseLong(prefetch.get("origin_requests")));
        assertThat(now.get("predictor").getAsString()).isEqualTo(prefetch.get("predictor")).isEqualTo("successor");
        assertThat(now.get("ab").isJsonNull()).as("no A/B test runs").isTrue();
        assertThat(now.getAsJsonArray("predictors")).anySatisfy(p -> {
            assertThat(p.getAsJsonObject().get("name").getAsString()).isEqualTo("successor");
            assertThat(p.getAsJsonObject().get("active").getAsBoolean()).isTrue();
        });
    }

    @Test
    void statusFiles_unknownName_is404() throws Exception {
        assertThat(get("/status/status.html.bak", null).statusCode()).isEqualTo(404);
        assertThat(get("/status/", null).statusCode()).isEqualTo(404);
    }
}
