package io.augur.server.cli;

import io.augur.server.testing.RedisCli;
import io.augur.server.testing.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The README's promise: redis-cli can SET, GET, EXPIRE, INCR, SCAN and INFO against Augur. */
class RedisCliTest {

    @TempDir
    static Path dir;
    static RunningServer server;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(RedisCli.installed(), "redis-cli is not installed (apt-get install redis-tools)");
        server = RunningServer.start(dir);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readmeSession_works() throws Exception {
        server.redisCli("flushall");
        assertThat(server.redisCli("set", "greeting", "hello", "EX", "60").trim()).isEqualTo("OK");
        assertThat(server.redisCli("get", "greeting").trim()).isEqualTo("hello");
        assertThat(server.redisCli("expire", "greeting", "100").trim()).isEqualTo("1");
        assertThat(Long.parseLong(server.redisCli("ttl", "greeting").trim())).isBetween(99L, 100L);
        assertThat(server.redisCli("incr", "visits").trim()).isEqualTo("1");
        assertThat(server.redisCli("incr", "visits").trim()).isEqualTo("2");
        assertThat(server.redisCli("scan", "0", "match", "g*")).contains("greeting");
        assertThat(server.redisCli("info", "keyspace")).contains("db0:keys=2");
    }

    @Test
    void resp3Mode_works() throws Exception {
        server.redisCli("set", "r3", "v");
        assertThat(server.redisCli("-3", "get", "r3").trim()).isEqualTo("v");
        assertThat(server.redisCli("-3", "hello", "3")).contains("proto").contains("3");
    }

    @Test
    void pipeMode_massInsert_isAcknowledged() throws Exception {
        StringBuilder commands = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            commands.append("SET mass:").append(i).append(' ').append(i).append("\r\n");
        }
        String out = RedisCli.runWithInput(server.port(), commands.toString().getBytes(StandardCharsets.UTF_8),
                "--pipe");
        assertThat(out).contains("errors: 0, replies: 5000");
        assertThat(server.redisCli("get", "mass:4999").trim()).isEqualTo("4999");
    }

    @Test
    void errors_showRedisText() throws Exception {
        server.redisCli("set", "text", "abc");
        assertThat(server.redisCli("incr", "text")).contains("ERR value is not an integer or out of range");
        assertThat(server.redisCli("get")).contains("ERR wrong number of arguments for 'get' command");
    }
}
