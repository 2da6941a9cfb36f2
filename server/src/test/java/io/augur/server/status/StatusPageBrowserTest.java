package io.augur.server.status;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.augur.server.testing.Await;
import io.augur.server.testing.HeadlessChromium;
import io.augur.server.testing.RedisServerProcess;
import io.augur.server.testing.RunningServer;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The status page in a real browser: a server with a simulated origin and read-through, clients
 * reading until the page's history holds several intervals, then headless Chromium loads the page
 * and the figures it renders are INFO's.
 *
 * <p>Needs Debian's `chromium` (.ci/run installs it); skipped with a message where it is absent.
 * {@code -Daugur.status-screenshot=../docs/status-page.png} also writes the screenshot there.
 */
class StatusPageBrowserTest {

    /** Intervals with reads the history must hold before the page is loaded: enough for lines, not dots. */
    private static final int TRAFFIC_SAMPLES = 6;
    private static final int CLIENTS = 8;
    private static final int KEYS_PER_CLIENT = 30;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void statusPage_inChromium_showsInfosFigures_andCharts() throws Exception {
        var browser = HeadlessChromium.find(dir);
        assumeTrue(browser.isPresent(), "chromium not installed (apt-get install chromium; .ci/run installs it): "
                + "the status page's browser test is skipped");
        // Each client loops over its own keys, 240 keys in a 100-key LRU store: without prefetch, few hits. Half
        // the connections prefetch with the successor table (arm b of the A/B test: none), two more predictors
        // are scored in shadow.
        try (RunningServer server = RunningServer.start(dir.resolve("augur"), "metrics-port",
                Integer.toString(RedisServerProcess.freePort()), "origin", "sim://?latency=1ms", "read-through", "yes",
                "predictor", "successor", "shadow-predictors", "successor+delta,delta", "ab-test", "none",
                "prefetch-dedup-window", "0", "predictor-cpu", "1", "store-entries", "100",
                "maxmemory-policy", "allkeys-lru")) {
            String base = "http://127.0.0.1:" + server.server().metricsPort();
            List<RedisCommands<String, String>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                clients.add(server.connect().sync());
            }
            RedisCommands<String, String> admin = server.lettuce();

            // The traffic is the probe: rounds of reads until the page's history holds intervals with reads.
            Await.until("status.json holding " + TRAFFIC_SAMPLES + " intervals with reads", () -> {
                readOneRound(clients, admin);
                return intervalsWithReads(statusJson(base));
            }, n -> n >= TRAFFIC_SAMPLES);
            settle(admin); // traffic stopped: from here on the figures stand still
            Await.until("an interval without reads in the history", () -> statusJson(base),
                    StatusPageBrowserTest::lastIntervalIsQuiet);

            String dom = browser.get().dumpDom(base + "/", 1280, 1100);
            Map<String, String> stats = info(admin, "stats");
            Map<String, String> prefetch = info(admin, "prefetch");
            Map<String, String> predictors = info(admin, "predictors");

            assertThat(Integer.parseInt(attribute(dom, "data-samples"))).as("samples the page charted")
                    .isGreaterThanOrEqualTo(TRAFFIC_SAMPLES + 1);
            assertThat(dom.split("class=\"uplot", -1).length - 1)
                    .as("uPlot charts drawn: four of figures, predictors in shadow, the A/B test").isEqualTo(6);
            long hits = Long.parseLong(stats.get("keyspace_hits"));
            long misses = Long.parseLong(stats.get("keyspace_misses"));
            assertThat(hits).isPositive();
            assertThat(text(dom, "keyspace-hits")).isEqualTo(stats.get("keyspace_hits"));
            assertThat(text(dom, "keyspace-misses")).isEqualTo(stats.get("keyspace_misses"));
            assertThat(number(dom, "hit-ratio")).isCloseTo((double) hits / (hits + misses), within(0.00005));
            assertThat(Long.parseLong(prefetch.get("prefetch_used"))).as("hits served by prefetched keys").isPositive();
            assertThat(text(dom, "prefetch-used")).isEqualTo(prefetch.get("prefetch_used"));
            assertThat(text(dom, "prefetch-issued")).isEqualTo(prefetch.get("prefetch_issued"));
            assertThat(text(dom, "prefetch-late")).isEqualTo(prefetch.get("prefetch_late"));
            assertThat(number(dom, "prefetch-precision"))
                    .isCloseTo(Double.parseDouble(prefetch.get("prefetch_precision")), within(0.0001));
            assertThat(text(dom, "origin-requests")).isEqualTo(prefetch.get("origin_requests"));
            double originRequests = Double.parseDouble(prefetch.get("origin_requests"));
            assertThat(number(dom, "origin-rate-peak")).as("origin requests/s, busiest interval")
                    .isPositive().isLessThanOrEqualTo(originRequests);
            assertThat(number(dom, "origin-rate")).as("origin requests/s, last interval: traffic stopped").isZero();

            assertThat(text(dom, "predictor")).isEqualTo(prefetch.get("predictor")).isEqualTo("successor");
            assertThat(text(dom, "ab-test")).isEqualTo(predictors.get("ab_test")).isEqualTo("successor vs none");
            for (String name : List.of("successor", "successor+delta", "delta")) {
                Map<String, String> line = fields(predictors.get("predictor_" + name));
                assertThat(text(dom, "predictor-" + name + "-predictions")).as(name).isEqualTo(line.get("predictions"));
                assertThat(number(dom, "predictor-" + name + "-precision")).as(name)
                        .isCloseTo(Double.parseDouble(line.get("precision")), within(0.0001));
                assertThat(number(dom, "predictor-" + name + "-coverage")).as(name)
                        .isCloseTo(Double.parseDouble(line.get("coverage")), within(0.0001));
            }
            assertThat(text(dom, "ab-standing")).contains("leader: " + predictors.get("ab_leader"));

            Path png = dir.resolve("status-page.png");
            browser.get().screenshot(base + "/", 1280, 1100, png);
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes).as("a PNG").startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
            assertThat(bytes.length).as("a page with charts, not a blank one").isGreaterThan(30_000);
            String keep = System.getProperty("augur.status-screenshot");
            if (keep != null && !keep.isBlank()) {
                Files.copy(png, Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Each client reads its loop once; the prefetches one read causes land before the next read. */
    private static void readOneRound(List<RedisCommands<String, String>> clients, RedisCommands<String, String> admin) {
        for (int i = 0; i < KEYS_PER_CLIENT; i++) {
            for (int c = 0; c < clients.size(); c++) {
                clients.get(c).get("client" + c + ":item:" + (i * 7 % KEYS_PER_CLIENT));
            }
            settle(admin);
        }
    }

    private static void settle(RedisCommands<String, String> admin) {
        Await.until("the predictor thread and its prefetches to catch up", () -> info(admin, "prefetch"), m ->
                Long.parseLong(m.get("accesslog_handled")) + Long.parseLong(m.get("accesslog_dropped"))
                        >= Long.parseLong(m.get("accesslog_offered")) && m.get("prefetch_inflight").equals("0")
                        && m.get("origin_inflight").equals("0"));
    }

    private static JsonObject statusJson(String base) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/status.json"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return JsonParser.parseString(response.body()).getAsJsonObject();
        } catch (Exception e) {
            throw new AssertionError("GET /status.json: " + e, e);
        }
    }

    /** Whether the last two samples have the same reads and origin requests. */
    private static boolean lastIntervalIsQuiet(JsonObject status) {
        JsonArray samples = status.getAsJsonArray("samples");
        if (samples.size() < 2) {
            return false;
        }
        JsonObject a = samples.get(samples.size() - 2).getAsJsonObject();
        JsonObject b = samples.get(samples.size() - 1).getAsJsonObject();
        return reads(a) == reads(b) && a.get("originRequests").getAsLong() == b.get("originRequests").getAsLong();
    }

    /** Samples whose reads grew since the one before. */
    private static int intervalsWithReads(JsonObject status) {
        JsonArray samples = status.getAsJsonArray("samples");
        int n = 0;
        for (int i = 1; i < samples.size(); i++) {
            if (reads(samples.get(i).getAsJsonObject()) > reads(samples.get(i - 1).getAsJsonObject())) {
                n++;
            }
        }
        return n;
    }

    private static long reads(JsonObject sample) {
        return sample.get("keyspaceHits").getAsLong() + sample.get("keyspaceMisses").getAsLong();
    }

    private static Map<String, String> info(RedisCommands<String, String> redis, String section) {
        return redis.info(section).lines().filter(l -> l.contains(":")).collect(Collectors.toMap(
                l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf(':') + 1), (a, b) -> a));
    }

    /** The `a=1,b=2` fields of an INFO line's value. */
    private static Map<String, String> fields(String value) {
        Map<String, String> fields = new HashMap<>();
        for (String field : value.split(",")) {
            String[] pair = field.split("=", 2);
            fields.put(pair[0], pair[1]);
        }
        return fields;
    }

    /** The text of the element with {@code id} in Chromium's dumped DOM. */
    private static String text(String dom, String id) {
        Matcher m = Pattern.compile("id=\"" + Pattern.quote(id) + "\"[^>]*>([^<]*)<").matcher(dom);
        assertThat(m.find()).as("element #%s on the page", id).isTrue();
        return m.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").trim();
    }

    private static double number(String dom, String id) {
        String text = text(dom, id);
        assertThat(text).as("#%s shows a number", id).matches("-?[0-9]+(\\.[0-9]+)?");
        return Double.parseDouble(text);
    }

    private static String attribute(String dom, String name) {
        Matcher m = Pattern.compile(Pattern.quote(name) + "=\"([^\"]*)\"").matcher(dom);
        assertThat(m.find()).as("attribute %s on the page", name).isTrue();
        return m.group(1);
    }
}
