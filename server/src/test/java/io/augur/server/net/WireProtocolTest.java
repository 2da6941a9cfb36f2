package io.augur.server.net;

import io.augur.server.testing.RawClient;
import io.augur.server.testing.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** What travels on the socket: pipelining, inline commands, protocol errors, and that one bad client harms no other. */
class WireProtocolTest {

    @TempDir
    static Path dir;
    static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(dir, "store-entries", "100000");
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void pipeline_tenThousandCommandsInOneWrite_allAnsweredInOrder() throws Exception {
        int n = 10_000;
        StringBuilder batch = new StringBuilder();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < n; i++) {
            String key = "p" + i;
            batch.append("*3\r\n$3\r\nSET\r\n$").append(key.length()).append("\r\n").append(key)
                    .append("\r\n$").append(Integer.toString(i).length()).append("\r\n").append(i).append("\r\n");
            batch.append("*2\r\n$3\r\nGET\r\n$").append(key.length()).append("\r\n").append(key).append("\r\n");
            expected.append("+OK\r\n$").append(Integer.toString(i).length()).append("\r\n").append(i).append("\r\n");
        }
        try (RawClient raw = new RawClient(server.port())) {
            raw.send(batch.toString());
            assertThat(raw.read(expected.length())).isEqualTo(expected.toString());
        }
    }

    @Test
    void inlineCommands_workAsInTelnet() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            raw.send("SET inline \"hello world\"\r\nGET inline\r\nPING\n");
            assertThat(raw.read(30)).isEqualTo("+OK\r\n$11\r\nhello world\r\n+PONG\r\n");
        }
    }

    @Test
    void invalidBulkLength_isProtocolError_andClosesOnlyThatConnection() throws Exception {
        try (RawClient good = new RawClient(server.port()); RawClient bad = new RawClient(server.port())) {
            good.send("SET survivor yes\r\n");
            assertThat(good.readLine()).isEqualTo("+OK\r\n");
            bad.send("*1\r\n$abc\r\n");
            assertThat(bad.readLine()).isEqualTo("-ERR Protocol error: invalid bulk length\r\n");
            assertThat(bad.closedByServer()).isTrue();
            good.send("GET survivor\r\n");
            assertThat(good.read(9)).isEqualTo("$3\r\nyes\r\n");
        }
    }

    @Test
    void unbalancedQuotes_isProtocolError() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            raw.send("SET k \"unterminated\r\n");
            assertThat(raw.readLine()).isEqualTo("-ERR Protocol error: unbalanced quotes in request\r\n");
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void hugeMultibulkCount_isRejectedWithoutAllocating() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            raw.send("*2000000000\r\n");
            assertThat(raw.readLine()).isEqualTo("-ERR Protocol error: invalid multibulk length\r\n");
        }
    }

    @Test
    void bulkBeyondProtoMaxBulkLen_isRejected() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            raw.send("*2\r\n$3\r\nGET\r\n$999999999999\r\n");
            assertThat(raw.readLine()).isEqualTo("-ERR Protocol error: invalid bulk length\r\n");
        }
    }

    @Test
    void commandSplitIntoSingleBytes_isDecoded() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            for (byte b : "*1\r\n$4\r\nPING\r\n".getBytes()) {
                raw.send(new byte[]{b});
                Thread.sleep(1);
            }
            assertThat(raw.readLine()).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void maxclients_refusesTheExtraConnection() throws Exception {
        try (RunningServer small = RunningServer.start(dir.resolve("small"), "maxclients", "2");
             RawClient a = new RawClient(small.port()); RawClient b = new RawClient(small.port())) {
            a.send("PING\r\n");
            b.send("PING\r\n");
            assertThat(a.readLine()).isEqualTo("+PONG\r\n");
            assertThat(b.readLine()).isEqualTo("+PONG\r\n");
            try (RawClient c = new RawClient(small.port())) {
                assertThat(c.readLine()).isEqualTo("-ERR max number of clients reached\r\n");
                assertThat(c.closedByServer()).isTrue();
            }
        }
    }

    @Test
    void requirepass_noauthUntilAuth() throws Exception {
        try (RunningServer locked = RunningServer.start(dir.resolve("locked"), "requirepass", "s3cret");
             RawClient raw = new RawClient(locked.port())) {
            raw.send("GET k\r\n");
            assertThat(raw.readLine()).isEqualTo("-NOAUTH Authentication required.\r\n");
            raw.send("AUTH wrong\r\n");
            assertThat(raw.readLine()).isEqualTo("-WRONGPASS invalid username-password pair or user is disabled.\r\n");
            raw.send("AUTH s3cret\r\n");
            assertThat(raw.readLine()).isEqualTo("+OK\r\n");
            raw.send("GET k\r\n");
            assertThat(raw.readLine()).isEqualTo("$-1\r\n");
        }
    }

    @Test
    void protectedMode_refusesNonLoopbackClients_untilTurnedOff() throws Exception {
        String external = nonLoopbackAddress();
        org.junit.jupiter.api.Assumptions.assumeTrue(external != null, "no non-loopback IPv4 address here");
        try (RunningServer open = RunningServer.start(dir.resolve("open"), "bind", "0.0.0.0")) {
            try (RawClient outsider = new RawClient(external, open.port())) {
                assertThat(outsider.readLine()).startsWith("-DENIED Redis is running in protected mode");
                assertThat(outsider.closedByServer()).isTrue();
            }
            try (RawClient local = new RawClient(open.port())) {
                local.send("CONFIG SET protected-mode no\r\n");
                assertThat(local.readLine()).isEqualTo("+OK\r\n");
            }
            try (RawClient outsider = new RawClient(external, open.port())) {
                outsider.send("PING\r\n");
                assertThat(outsider.readLine()).isEqualTo("+PONG\r\n");
            }
        }
    }

    private static String nonLoopbackAddress() throws Exception {
        for (var nic : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (var address : java.util.Collections.list(nic.getInetAddresses())) {
                if (address instanceof java.net.Inet4Address && !address.isLoopbackAddress()) {
                    return address.getHostAddress();
                }
            }
        }
        return null;
    }

    @Test
    void idleTimeout_closesIdleClients() throws Exception {
        try (RunningServer strict = RunningServer.start(dir.resolve("strict"), "timeout", "1");
             RawClient raw = new RawClient(strict.port())) {
            raw.send("PING\r\n");
            assertThat(raw.readLine()).isEqualTo("+PONG\r\n");
            Thread.sleep(2_500);
            assertThat(raw.closedByServer()).isTrue();
        }
    }
}
