package io.augur.server.origin;

import io.augur.server.testing.RunningServer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An HTTP origin that misbehaves at the socket level — garbage instead of HTTP, a connection reset,
 * a body cut short: each read-through miss gets a prompt Redis-style error, nothing is stored, and
 * cached keys and writes are served as usual.
 */
class MisbehavingOriginTest {

    @TempDir
    Path dir;

    /** A one-thread socket server answering every connection with {@code behaviour}. */
    private static final class RawOrigin implements AutoCloseable {
        private final ServerSocket socket;
        private final Thread thread;

        RawOrigin(Consumer<Socket> behaviour) throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            thread = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket client = socket.accept()) {
                        client.getInputStream().read(new byte[4096]); // the request line and headers
                        behaviour.accept(client);
                    } catch (IOException ignored) {
                        // closed, or the client went away
                    }
                }
            }, "raw-origin");
            thread.setDaemon(true);
            thread.start();
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/v/{key}";
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static void write(Socket s, String text) {
        try {
            OutputStream out = s.getOutputStream();
            out.write(text.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException ignored) {
            // the client may have given up
        }
    }

    private void assertMissFailsCleanly(RawOrigin origin) throws Exception {
        try (RunningServer server = RunningServer.start(dir, "origin", origin.url(), "read-through", "yes",
                "origin-timeout", "2000")) {
            RedisCommands<String, String> redis = server.lettuce();
            redis.set("cached", "still-here");
            long start = System.nanoTime();
            assertThatThrownBy(() -> redis.get("missing")).isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessageStartingWith("ERR origin");
            assertThat((System.nanoTime() - start) / 1_000_000).as("ms until the error").isLessThan(5_000);
            assertThat(redis.exists("missing")).as("nothing stored from a failed fetch").isZero();
            assertThat(redis.get("cached")).isEqualTo("still-here");
            redis.set("written", "ok");
            assertThat(redis.get("written")).isEqualTo("ok");
            assertThat(redis.info("prefetch")).containsPattern("origin_errors:[1-9]|origin_timeouts:[1-9]");
        }
    }

    @Test
    void garbageInsteadOfHttp_isAnErrorReply_andNothingIsStored() throws Exception {
        try (RawOrigin origin = new RawOrigin(s -> write(s, "\u0000\u0001 this is not HTTP at all\r\n\r\n"))) {
            assertMissFailsCleanly(origin);
        }
    }

    @Test
    void connectionReset_isAnErrorReply_andNothingIsStored() throws Exception {
        try (RawOrigin origin = new RawOrigin(s -> {
            try {
                s.setSoLinger(true, 0); // close with RST
            } catch (IOException ignored) {
                // best effort
            }
        })) {
            assertMissFailsCleanly(origin);
        }
    }

    @Test
    void bodyCutShort_isAnErrorReply_andNothingIsStored() throws Exception {
        try (RawOrigin origin = new RawOrigin(s -> write(s,
                "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\nConnection: close\r\n\r\nonly-a-little"))) {
            assertMissFailsCleanly(origin);
        }
    }
}
