package io.augur.server.store;

import io.augur.server.testing.RunningServer;
import io.augur.server.testing.ServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The server process is killed: every acknowledged write is there after the restart. */
class CrashRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void kill9UnderWriteLoad_restartRecoversEveryAcknowledgedWrite() throws Exception {
        Path data = dir.resolve("data");
        List<String> acknowledged = new ArrayList<>();
        List<Integer> hashFields = new ArrayList<>();
        List<Integer> zsetMembers = new ArrayList<>();
        try (ServerProcess server = ServerProcess.start(data, dir.resolve("server.log"))) {
            // 10 s: a loaded machine can take seconds to answer HELLO; a kill -9 drops the connection at once.
            RedisClient client = RedisClient.create(io.lettuce.core.RedisURI.builder().withHost("127.0.0.1")
                    .withPort(server.port()).withTimeout(java.time.Duration.ofSeconds(10)).build());
            client.setOptions(io.lettuce.core.ClientOptions.builder().autoReconnect(false).build());
            RedisCommands<String, String> redis = client.connect().sync();
            AtomicBoolean killed = new AtomicBoolean();
            Thread killer = new Thread(() -> {
                try {
                    Thread.sleep(1_500);
                    server.kill9();
                    killed.set(true);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            killer.start();
            for (int i = 0; !killed.get() && i < 1_000_000; i++) {
                try {
                    redis.set("ack:" + i, "value-" + i);
                    acknowledged.add("ack:" + i);
                    if (i % 10 == 0) { // collections are entries of the same map: a hash and a sorted set grow too
                        redis.hset("hash:ack", "f" + i, "v" + i);
                        hashFields.add(i);
                        redis.zadd("zset:ack", i + 0.5, "m" + i);
                        zsetMembers.add(i);
                    }
                } catch (RuntimeException connectionLost) {
                    break;
                }
            }
            killer.join();
            client.shutdown();
        }
        assertThat(acknowledged).hasSizeGreaterThan(100);
        assertThat(Files.exists(data.resolve("augur.open"))).as("unclean-stop marker left behind").isTrue();
        try (RunningServer restarted = RunningServer.start(data)) {
            RedisCommands<String, String> redis = restarted.lettuce();
            for (String key : acknowledged) {
                assertThat(redis.get(key)).as(key).isEqualTo("value-" + key.substring(4));
            }
            assertThat(redis.dbsize()).isGreaterThanOrEqualTo(acknowledged.size());
            assertThat(redis.type("hash:ack")).isEqualTo("hash");
            assertThat(redis.type("zset:ack")).isEqualTo("zset");
            for (int i : hashFields) {
                assertThat(redis.hget("hash:ack", "f" + i)).as("hash field f%d", i).isEqualTo("v" + i);
            }
            for (int i : zsetMembers) {
                assertThat(redis.zscore("zset:ack", "m" + i)).as("zset member m%d", i).isEqualTo(i + 0.5);
            }
        }
    }

    @Test
    void sigterm_closesTheStoreCleanly() throws Exception {
        Path data = dir.resolve("clean");
        try (ServerProcess server = ServerProcess.start(data, dir.resolve("clean.log"))) {
            RedisClient client = RedisClient.create("redis://127.0.0.1:" + server.port());
            client.connect().sync().set("k", "v");
            client.shutdown();
            server.terminate();
        }
        assertThat(Files.exists(data.resolve("augur.open"))).isFalse();
        try (RunningServer restarted = RunningServer.start(data)) {
            assertThat(restarted.lettuce().get("k")).isEqualTo("v");
        }
    }
}
