package io.augur.server.origin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP origin against a real JDK HTTP server and raw TCP peers: statuses, key encoding, limits, faults.
 */
class HttpOriginTest {

    /** Deadline for an answer due soon: generous, so a loaded machine cannot fail the test. */
    private static final long AWAIT_SECONDS = 30;

    private HttpServer server;
    private ExecutorService handlers;
    private final List<String> requestedPaths = new CopyOnWriteArrayList<>();
    /** Holds the answer to "slow" until the test is over, so only the origin's timeout can end that fetch. */
    private final CountDownLatch slowMayAnswer = new CountDownLatch(1);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        handlers = Executors.newCachedThreadPool();
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stopServer() {
        slowMayAnswer.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    /** Routes by the last path segment, as the origin sent it (raw, still percent-encoded). */
    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        requestedPaths.add(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        String key = path.substring(path.lastIndexOf('/') + 1);
        try (exchange) {
            switch (key) {
                case "missing" -> exchange.sendResponseHeaders(404, -1);
                case "broken" -> respond(exchange, 500, "internal error".getBytes(UTF_8));
                case "slow" -> {
                    awaitQuietly(slowMayAnswer);
                    respond(exchange, 200, "late".getBytes(UTF_8));
                }
                case "huge-declared" -> {
                    exchange.sendResponseHeaders(200, 10_000);
                    exchange.getResponseBody().write(new byte[100]);
                }
                case "huge-streamed" -> {
                    exchange.sendResponseHeaders(200, 0);
                    OutputStream body = exchange.getResponseBody();
                    byte[] chunk = new byte[1024];
                    for (int i = 0; i < 64; i++) {
                        body.write(chunk);
                    }
                }
                default -> respond(exchange, 200, ("value:" + key).getBytes(UTF_8));
            }
        }
    }

    @Test
    void fetch_status200_returnsBody() throws Exception {
        try (Origin origin = open(baseUrl() + "/kv/{key}")) {
            assertThat(origin.fetch("alpha".getBytes(UTF_8)).get(AWAIT_SECONDS, TimeUnit.SECONDS))
                    .isEqualTo("value:alpha".getBytes(UTF_8));
        }
    }

    @Test
    void fetch_status404_completesWithNull() throws Exception {
        try (Origin origin = open(baseUrl() + "/kv/{key}")) {
            assertThat(origin.fetch("missing".getBytes(UTF_8)).get(AWAIT_SECONDS, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void fetch_status500_failsWithStatus() {
        try (Origin origin = open(baseUrl() + "/kv/{key}")) {
            ExecutionException failure = catchExecution(
                    () -> origin.fetch("broken".getBytes(UTF_8)).get(AWAIT_SECONDS, TimeUnit.SECONDS));

            assertThat(failure.getCause()).isInstanceOf(OriginException.class);
            assertThat(((OriginException) failure.getCause()).status()).isEqualTo(500);
        }
    }

    @Test
    void fetch_keyWithReservedBytes_isPercentEncodedIntoOneSegment() throws Exception {
        try (Origin origin = open(baseUrl() + "/kv/{key}?fmt=raw")) {
            origin.fetch("a/b c?d".getBytes(UTF_8)).get(AWAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(requestedPaths).containsExactly("/kv/a%2Fb%20c%3Fd?fmt=raw");
        }
    }

    @Test
    void fetch_templateWithoutPlaceholder_appendsKeyAsLastSegment() throws Exception {
        try (Origin origin = open(baseUrl() + "/kv")) {
            assertThat(origin.fetch("beta".getBytes(UTF_8)).get(AWAIT_SECONDS, TimeUnit.SECONDS))
                    .isEqualTo("value:beta".getBytes(UTF_8));
            assertThat(requestedPaths).containsExactly("/kv/beta");
        }
    }

    @Test
    void fetch_serverSlowerThanTimeout_failsWithTimeout() {
        OriginSettings settings = OriginSettings.builder().optTimeoutMillis(200).build();
        try (Origin origin = Origins.open(baseUrl() + "/kv/{key}", settings)) {
            long start = System.nanoTime();

            // The server holds "slow" until the test ends: the fetch can only end by the timeout.
            assertThatThrownBy(() -> origin.fetch("slow".getBytes(UTF_8)).get(AWAIT_SECONDS, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(OriginTimeoutException.class);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(200L);
        }
    }

    @Test
    void fetch_declaredLengthAboveMaxValue_failsWithoutReadingBody() {
        OriginSettings settings = OriginSettings.builder().optMaxValueBytes(1024).build();
        try (Origin origin = Origins.open(baseUrl() + "/kv/{key}", settings)) {
            assertThatThrownBy(() -> origin.fetch("huge-declared".getBytes(UTF_8)).get(AWAIT_SECONDS, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(OriginException.class)
                    .hasMessageContaining("10000 bytes (expected: <= 1024)");
        }
    }

    @Test
    void fetch_streamedBodyAboveMaxValue_failsOnceLimitPassed() {
        OriginSettings settings = OriginSettings.builder().optMaxValueBytes(4096).build();
        try (Origin origin = Origins.open(baseUrl() + "/kv/{key}", settings)) {
            assertThatThrownBy(() -> origin.fetch("huge-streamed".getBytes(UTF_8)).get(AWAIT_SECONDS, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(OriginException.class)
                    .hasMessageContaining("(expected: <= 4096)");
        }
    }

    @Test
    void fetch_connectionResetBeforeBodyEnds_failsWithOriginException() throws Exception {
        byte[] cutShort = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nonly ten b".getBytes(UTF_8);
        try (OneShotPeer peer = new OneShotPeer(cutShort, true); Origin origin = open(peer.url())) {
            assertThatThrownBy(() -> origin.fetch("k".getBytes(UTF_8)).get(AWAIT_SECONDS, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(OriginException.class);
        }
    }

    @Test
    void fetch_peerSpeaksGarbage_failsWithOriginException() throws Exception {
        byte[] garbage = "SSH-2.0-not-http\r\n\r\n".getBytes(UTF_8);
        try (OneShotPeer peer = new OneShotPeer(garbage, false); Origin origin = open(peer.url())) {
            assertThatThrownBy(() -> origin.fetch("k".getBytes(UTF_8)).get(AWAIT_SECONDS, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(OriginException.class);
        }
    }

    @Test
    void fetch_nothingListening_failsWithOriginException() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        try (Origin origin = open("http://127.0.0.1:" + port + "/{key}")) {
            assertThatThrownBy(() -> origin.fetch("k".getBytes(UTF_8)).get(AWAIT_SECONDS, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(OriginException.class);
        }
    }

    @Test
    void describe_urlWithCredentialsAndQuery_leavesSecretsOut() {
        try (Origin origin = open("https://user:hunter2@example.com:8443/kv/{key}?token=s3cret")) {
            assertThat(origin.describe()).isEqualTo("https://example.com:8443/kv/{key}?…");
        }
    }

    @Test
    void open_urlWithoutHost_isRejectedWithOneLine() {
        assertThatThrownBy(() -> Origins.open("http:///kv/{key}", OriginSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("\n");
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static Origin open(String url) {
        return Origins.open(url, OriginSettings.defaults());
    }

    private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A TCP peer that answers one connection with fixed bytes, then closes it (with a reset if asked). */
    private static final class OneShotPeer implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;

        OneShotPeer(byte[] reply, boolean reset) throws IOException {
            socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                try (Socket peer = socket.accept()) {
                    peer.getInputStream().read(new byte[4096]);
                    peer.getOutputStream().write(reply);
                    peer.getOutputStream().flush();
                    if (reset) {
                        peer.setSoLinger(true, 0);
                    }
                } catch (IOException e) {
                    // The origin under test reports what it saw; nothing to add here.
                }
            });
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/{key}";
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    private static ExecutionException catchExecution(Call call) {
        try {
            call.run();
        } catch (ExecutionException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("expected an ExecutionException", e);
        }
        throw new AssertionError("expected the call to fail");
    }
}
