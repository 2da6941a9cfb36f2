package io.augur.server.config;

import io.augur.server.testing.RawClient;
import io.augur.server.testing.RunningServer;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** CONFIG SET of a live setting changes what a client sees next, on a running server. */
class LiveBehaviourTest {

    @TempDir
    Path dir;

    @Test
    void configSetReadThrough_onARunningServer_loadsMissesWithTheNewTtl() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "origin", "sim://?latency=1ms")) {
            RedisCommands<String, String> redis = server.lettuce();
            assertThat(redis.get("rt:1")).isNull();
            redis.configSet("read-through", "yes");
            redis.configSet("read-through-ttl", "77");
            assertThat(redis.get("rt:2")).isNotNull();
            assertThat(redis.ttl("rt:2")).isBetween(1L, 77L);
        }
    }

    @Test
    void configSetMaxmemoryPolicy_onAFullStore_turnsOomIntoEviction() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "maxmemory", "1mb", "maxmemory-policy", "noeviction")) {
            RedisCommands<String, String> redis = server.lettuce();
            String value = "x".repeat(100_000);
            assertThatThrownBy(() -> {
                for (int i = 0; i < 30; i++) {
                    redis.set("big:" + i, value);
                }
            }).hasMessageContaining("OOM");
            redis.configSet("maxmemory-policy", "allkeys-random");
            for (int i = 30; i < 60; i++) {
                redis.set("big:" + i, value);
            }
            assertThat(Long.parseLong(redis.info("stats").lines().filter(l -> l.startsWith("evicted_keys:"))
                    .findFirst().orElseThrow().substring("evicted_keys:".length()).trim())).isPositive();
        }
    }

    @Test
    void configSetRequirepass_onARunningServer_asksNewConnectionsToAuthenticate() throws Exception {
        try (RunningServer server = RunningServer.start(dir)) {
            server.lettuce().configSet("requirepass", "s3cret");
            try (RawClient raw = new RawClient(server.port())) {
                assertThat(raw.send("PING\r\n").readLine()).startsWith("-NOAUTH");
                assertThat(raw.send("AUTH s3cret\r\nPING\r\n").readLine()).isEqualTo("+OK\r\n");
                assertThat(raw.readLine()).isEqualTo("+PONG\r\n");
            }
        }
    }
}
