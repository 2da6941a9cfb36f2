package io.augur.server.status;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The status page's routes on the metrics port: `GET /` asked for as HTML (a browser), `/status.json`
 * and the page's files under `/status/`. Anything else, and `/` asked for as anything else
 * (Prometheus), goes on to the exporter as before.
 */
public final class StatusPage {

    /** The page's files, served from the classpath; only these names are served. */
    private static final Map<String, String> FILES = Map.of(
            "status.js", "text/javascript; charset=utf-8",
            "status.css", "text/css; charset=utf-8",
            "uPlot.iife.min.js", "text/javascript; charset=utf-8",
            "uPlot.min.css", "text/css; charset=utf-8",
            "uPlot.LICENSE", "text/plain; charset=utf-8");

    private final StatusHistory history;
    private final byte[] page;
    private final Map<String, byte[]> files = new LinkedHashMap<>();

    public StatusPage(StatusHistory history) {
        this.history = history;
        this.page = resource("status.html");
        FILES.keySet().forEach(name -> files.put(name, resource(name)));
    }

    private static byte[] resource(String name) {
        try (InputStream in = StatusPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("status page file missing from the jar: " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Adds the routes to {@code http}, whose `/` context the exporter has taken: it is replaced by one
     * that serves the page to a browser and hands everything else to {@code exporter}.
     */
    public void install(HttpServer http, HttpHandler exporter) {
        http.removeContext("/");
        http.createContext("/", exchange -> {
            if (exchange.getRequestURI().getPath().equals("/") && wantsHtml(exchange)) {
                send(exchange, 200, "text/html; charset=utf-8", page);
            } else {
                exporter.handle(exchange);
            }
        });
        http.createContext("/status.json", exchange -> send(exchange, 200, "application/json; charset=utf-8",
                StatusJson.render(history.now(), history.samples()).getBytes(StandardCharsets.UTF_8)));
        http.createContext("/status/", this::file);
    }

    private static boolean wantsHtml(HttpExchange exchange) {
        String accept = exchange.getRequestHeaders().getFirst("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    private void file(HttpExchange exchange) throws IOException {
        String name = exchange.getRequestURI().getPath().substring("/status/".length());
        byte[] body = files.get(name);
        if (body == null) {
            send(exchange, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
        } else {
            send(exchange, 200, FILES.get(name), body);
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (!head) {
                out.write(body);
            }
        }
    }
}
