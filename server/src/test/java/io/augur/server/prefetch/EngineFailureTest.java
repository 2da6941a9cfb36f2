package io.augur.server.prefetch;

import io.augur.server.testing.ServerProcess;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The native engine failing to load (here: a libtorch version that is not bundled, offline) must not take
 * the server down: it serves, the lstm predictor's tables prefetch, and INFO says why.
 */
class EngineFailureTest {

    @TempDir
    Path dir;

    @Test
    void nativeEngineThatCannotLoad_serverServes_tablesPrefetch_andInfoSaysWhy() throws Exception {
        try (ServerProcess server = ServerProcess.startWithJvmFlags(
                List.of("-DPYTORCH_VERSION=1.0.0", "-Dai.djl.offline=true"), dir.resolve("data"),
                dir.resolve("server.log"), "--origin", "sim://?latency=1ms", "--read-through", "yes",
                "--predictor", "lstm", "--device", "cpu", "--prefetch-dedup-window", "0", "--predictor-cpu", "1")) {
            RedisClient client = RedisClient.create(RedisURI.create("127.0.0.1", server.port()));
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                RedisCommands<String, String> redis = c.sync();
                for (int round = 0; round < 20; round++) {
                    for (int i = 0; i < 20; i++) {
                        assertThat(redis.get("item:" + (i * 7 % 20))).startsWith("value-of:");
                    }
                    Thread.sleep(5);
                }
                String predictor = redis.info("predictor");
                assertThat(predictor).contains("engine:none");
                assertThat(predictor).containsPattern("engine_error:\\S+");
                String prefetch = redis.info("prefetch");
                assertThat(prefetch).contains("predictor_requested:lstm");
                assertThat(prefetch).containsPattern("prefetch_issued:[1-9]");
                redis.set("k", "v");
                assertThat(redis.get("k")).isEqualTo("v");
            } finally {
                client.shutdown();
            }
        }
    }
}
