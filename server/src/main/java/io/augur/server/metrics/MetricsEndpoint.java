package io.augur.server.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.augur.server.status.StatusPage;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.prometheus.client.exporter.HTTPServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * The HTTP side for operators: `/metrics` in Prometheus text format (simpleclient's exporter over a
 * Micrometer registry), `/health` (the process is alive), `/ready` (store open, listening) and the
 * status page (`/` asked for by a browser, see {@link StatusPage}).
 */
public final class MetricsEndpoint implements AutoCloseable {

    private final PrometheusMeterRegistry registry;
    private final HTTPServer exporter;
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();

    private MetricsEndpoint(PrometheusMeterRegistry registry, HTTPServer exporter) {
        this.registry = registry;
        this.exporter = exporter;
    }

    /** A registry with the JVM and process binders; Augur's own meters are bound by the caller. */
    public static PrometheusMeterRegistry newRegistry() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Two of Micrometer's processor meters break Prometheus naming rules (promtool check metrics:
        // an abbreviated unit in process_cpu_time_ns_total, a _count suffix on a gauge); the CPU usage
        // gauges remain.
        registry.config().meterFilter(io.micrometer.core.instrument.config.MeterFilter.deny(
                id -> id.getName().equals("process.cpu.time") || id.getName().equals("system.cpu.count")));
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        return registry;
    }

    public static MetricsEndpoint start(PrometheusMeterRegistry registry, String bind, int port,
                                        BooleanSupplier ready, StatusPage status) throws IOException {
        HttpServer http = HttpServer.create(new InetSocketAddress(bind, port), 16);
        http.createContext("/health", exchange -> respond(exchange, 200, "ok\n"));
        http.createContext("/ready", exchange -> {
            boolean isReady = ready.getAsBoolean();
            respond(exchange, isReady ? 200 : 503, isReady ? "ready\n" : "not ready\n");
        });
        HTTPServer exporter = new HTTPServer.Builder().withHttpServer(http)
                .withRegistry(registry.getPrometheusRegistry()).build();
        status.install(http, new HTTPServer.HTTPMetricHandler(registry.getPrometheusRegistry()));
        MetricsEndpoint endpoint = new MetricsEndpoint(registry, exporter);
        endpoint.gcMetrics.bindTo(registry);
        return endpoint;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    public int port() {
        return exporter.getPort();
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    @Override
    public void close() {
        exporter.close();
        gcMetrics.close();
        registry.close();
    }
}
