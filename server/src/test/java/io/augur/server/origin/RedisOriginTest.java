package io.augur.server.origin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RedisOriginTest {

    private static final Path REDIS_SERVER = Path.of("/usr/bin/redis-server");

    private static Process redis;
    private static int port;

    @BeforeAll
    static void startRedis() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(REDIS_SERVER), "redis-server is not installed");
        port = freePort();
        redis = new ProcessBuilder(REDIS_SERVER.toString(), "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--requirepass", "pw")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!command("AUTH pw", "SET user:1 alice", "SELECT 2", "SET user:1 bob")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("redis-server did not start on port " + port);
            }
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void stopRedis() {
        if (redis != null) {
            redis.destroyForcibly();
        }
    }

    @Test
    void fetch_keyPresent_returnsValue() throws Exception {
        try (Origin origin = open("redis://:pw@127.0.0.1:" + port)) {
            assertThat(origin.fetch("user:1".getBytes(UTF_8)).get(2, TimeUnit.SECONDS)).isEqualTo("alice".getBytes(UTF_8));
        }
    }

    @Test
    void fetch_databaseInUri_readsThatDatabase() throws Exception {
        try (Origin origin = open("redis://:pw@127.0.0.1:" + port + "/2")) {
            assertThat(origin.fetch("user:1".getBytes(UTF_8)).get(2, TimeUnit.SECONDS)).isEqualTo("bob".getBytes(UTF_8));
        }
    }

    @Test
    void fetch_keyMissing_completesWithNull() throws Exception {
        try (Origin origin = open("redis://:pw@127.0.0.1:" + port)) {
            assertThat(origin.fetch("user:404".getBytes(UTF_8)).get(2, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void fetch_binaryKey_isSentAsIs() throws Exception {
        byte[] key = {0, (byte) 0xFF, '\r', '\n'};
        assertThat(command("AUTH pw", "SET \"\\x00\\xff\\r\\n\" bin")).isTrue();
        try (Origin origin = open("redis://:pw@127.0.0.1:" + port)) {
            assertThat(origin.fetch(key).get(2, TimeUnit.SECONDS)).isEqualTo("bin".getBytes(UTF_8));
        }
    }

    @Test
    void fetch_wrongPassword_failsExceptionally() {
        try (Origin origin = open("redis://:wrong@127.0.0.1:" + port)) {
            assertThatThrownBy(() -> origin.fetch("user:1".getBytes(UTF_8)).get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(OriginException.class);
        }
    }

    @Test
    void fetch_upstreamDownAtFirstCall_failsThenWorksOnceItIsUp() throws Exception {
        int downPort = freePort();
        try (Origin origin = open("redis://127.0.0.1:" + downPort)) {
            assertThatThrownBy(() -> origin.fetch("k".getBytes(UTF_8)).get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(OriginException.class);

            Process late = new ProcessBuilder(REDIS_SERVER.toString(), "--port", Integer.toString(downPort),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
            try {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                byte[] value = null;
                while (value == null && System.nanoTime() < deadline) {
                    value = origin.fetch("k".getBytes(UTF_8)).handle((v, e) -> e == null ? new byte[0] : null).get();
                    Thread.sleep(50);
                }
                assertThat(value).as("fetch after the upstream came up").isNotNull();
            } finally {
                late.destroyForcibly();
            }
        }
    }

    @Test
    void fetch_upstreamStalls_failsWithTimeoutAtOriginTimeout() {
        OriginSettings settings = OriginSettings.builder().optTimeoutMillis(100).build();
        try (Origin origin = Origins.open("redis://:pw@127.0.0.1:" + port, settings)) {
            assertThat(origin.fetch("warm-up".getBytes(UTF_8)).join()).isNull();
            assertThat(command("AUTH pw", "CLIENT PAUSE 500 ALL")).isTrue();

            assertThatThrownBy(() -> origin.fetch("user:1".getBytes(UTF_8)).get(2, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(OriginTimeoutException.class);
        }
    }

    @Test
    void describe_uriWithPassword_leavesPasswordOut() {
        try (Origin origin = open("redis://:hunter2@127.0.0.1:" + port + "/3")) {
            assertThat(origin.describe()).isEqualTo("redis://127.0.0.1:" + port + "/3").doesNotContain("hunter2");
        }
    }

    private static Origin open(String uri) {
        return Origins.open(uri, OriginSettings.defaults());
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    /** Sends inline commands and reports whether all were answered without an error. */
    private static boolean command(String... commands) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (String command : commands) {
                out.write((command + "\r\n").getBytes(UTF_8));
                out.flush();
                int first = in.read();
                while (in.read() != '\n') {
                    // Skip the rest of the simple reply line.
                }
                if (first != '+') {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
