package io.augur.server.metrics;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * deploy/grafana's dashboard imports into any Grafana and selects one node: a datasource input
 * instead of a fixed uid, `$instance` in every query, one unit per panel, valid PromQL. That its
 * metrics exist is MetricsEndpointTest's check.
 */
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "dashboards", "augur.json");
    private static final String DATASOURCE = "${DS_PROMETHEUS}";
    /** A metric name in an expression, with what follows it. */
    private static final Pattern SELECTOR = Pattern.compile("\\b((?:augur|jvm)_[a-z0-9_]+)(\\{[^}]*})?");

    private static JsonObject dashboard;
    private static List<JsonObject> panels;

    @BeforeAll
    static void read() throws Exception {
        assumeTrue(Files.exists(DASHBOARD), "run from the server module");
        dashboard = JsonParser.parseString(Files.readString(DASHBOARD)).getAsJsonObject();
        panels = new ArrayList<>();
        dashboard.getAsJsonArray("panels").forEach(p -> panels.add(p.getAsJsonObject()));
    }

    private static List<JsonObject> graphs() {
        return panels.stream().filter(p -> !p.get("type").getAsString().equals("row")).toList();
    }

    private static List<String> expressions() {
        List<String> all = new ArrayList<>();
        graphs().forEach(p -> p.getAsJsonArray("targets").forEach(t -> all.add(t.getAsJsonObject().get("expr").getAsString())));
        return all;
    }

    @Test
    void datasource_isAnImportInput_neverAFixedUid() throws Exception {
        JsonArray inputs = dashboard.getAsJsonArray("__inputs");
        assertThat(inputs).anySatisfy(i -> {
            assertThat(i.getAsJsonObject().get("name").getAsString()).isEqualTo("DS_PROMETHEUS");
            assertThat(i.getAsJsonObject().get("pluginId").getAsString()).isEqualTo("prometheus");
        });
        // File provisioning leaves ${DS_PROMETHEUS} as it is (grafana/grafana#10786): a datasource variable
        // of that name resolves it there.
        assertThat(variable("DS_PROMETHEUS").get("type").getAsString()).isEqualTo("datasource");
        List<String> uids = new ArrayList<>();
        collectDatasourceUids(dashboard.get("panels"), uids);
        collectDatasourceUids(dashboard.get("templating"), uids);
        assertThat(uids).isNotEmpty().containsOnly(DATASOURCE);
    }

    private static void collectDatasourceUids(JsonElement element, List<String> uids) {
        if (element.isJsonObject()) {
            for (var entry : element.getAsJsonObject().entrySet()) {
                if (entry.getKey().equals("datasource")) {
                    JsonElement ds = entry.getValue();
                    uids.add(ds.isJsonObject() ? ds.getAsJsonObject().get("uid").getAsString() : ds.getAsString());
                } else {
                    collectDatasourceUids(entry.getValue(), uids);
                }
            }
        } else if (element.isJsonArray()) {
            element.getAsJsonArray().forEach(e -> collectDatasourceUids(e, uids));
        }
    }

    @Test
    void everyQuery_selectsTheInstanceVariable() {
        JsonObject instance = variable("instance");
        assertThat(instance.get("multi").getAsBoolean()).isTrue();
        assertThat(instance.get("definition").getAsString()).contains("label_values(").contains(", instance)");
        List<String> expressions = expressions();
        assertThat(expressions).hasSizeGreaterThan(20);
        for (String expr : expressions) {
            Matcher m = SELECTOR.matcher(expr);
            int selectors = 0;
            while (m.find()) {
                selectors++;
                assertThat(m.group(2)).as("selector of %s in %s", m.group(1), expr).isNotNull()
                        .contains("instance=~\"$instance\"");
            }
            assertThat(selectors).as("metrics in %s", expr).isPositive();
        }
    }

    @Test
    void everyPanel_hasOneUnit() {
        for (JsonObject panel : graphs()) {
            JsonObject fieldConfig = panel.getAsJsonObject("fieldConfig");
            String title = panel.get("title").getAsString();
            assertThat(fieldConfig.getAsJsonObject("defaults").get("unit")).as("unit of %s", title).isNotNull();
            assertThat(fieldConfig.getAsJsonArray("overrides").toString()).as("overrides of %s", title)
                    .doesNotContain("\"unit\"");
        }
    }

    @Test
    void panels_showPrefetchedHits_latePrefetches_shadowPredictors_andTheAbTest() {
        List<String> expressions = expressions();
        for (String metric : List.of("augur_prefetch_used_total", "augur_prefetch_late_total",
                "augur_predictor_shadow_precision", "augur_predictor_shadow_coverage", "augur_ab_hit_ratio",
                "augur_ab_p_value")) {
            assertThat(expressions).as("a query of %s", metric).anyMatch(e -> e.contains(metric));
        }
    }

    @Test
    void everyQuery_isValidPromQl(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/promtool")), "promtool not installed (apt-get install prometheus)");
        // promtool parses rule expressions: each query becomes a recording rule, $instance a regex.
        StringBuilder rules = new StringBuilder("groups:\n- name: dashboard\n  rules:\n");
        int n = 0;
        for (String expr : expressions()) {
            rules.append("  - record: dashboard_query_").append(++n).append('\n')
                    .append("    expr: '").append(expr.replace("$instance", ".*").replace("'", "''")).append("'\n");
        }
        Path file = dir.resolve("dashboard-rules.yml");
        Files.writeString(file, rules);
        Process promtool = new ProcessBuilder("promtool", "check", "rules", file.toString()).redirectErrorStream(true).start();
        String output = new String(promtool.getInputStream().readAllBytes());
        assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(promtool.exitValue()).as("promtool says: %s", output).isZero();
        assertThat(output).contains("SUCCESS: " + n + " rules found");
    }

    private static JsonObject variable(String name) {
        for (JsonElement v : dashboard.getAsJsonObject("templating").getAsJsonArray("list")) {
            if (v.getAsJsonObject().get("name").getAsString().equals(name)) {
                return v.getAsJsonObject();
            }
        }
        throw new AssertionError("no template variable " + name);
    }
}
