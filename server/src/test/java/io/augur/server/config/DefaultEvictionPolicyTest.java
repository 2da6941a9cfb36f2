package io.augur.server.config;

import io.augur.server.testing.RunningServer;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Unset, maxmemory-policy follows the bound: W-TinyLFU for a bounded cache, noeviction without a bound. */
class DefaultEvictionPolicyTest {

    @TempDir
    Path dir;

    private static String policy(RedisCommands<String, String> redis) {
        return redis.configGet("maxmemory-policy").get("maxmemory-policy");
    }

    private static String infoPolicy(RedisCommands<String, String> redis) {
        return redis.info("memory").lines().filter(l -> l.startsWith("maxmemory_policy:"))
                .findFirst().orElseThrow().substring("maxmemory_policy:".length()).trim();
    }

    @Test
    void withoutABound_noeviction_andSettingABoundLive_switchesToTinylfu() throws Exception {
        try (RunningServer server = RunningServer.start(dir)) {
            RedisCommands<String, String> redis = server.lettuce();
            assertThat(policy(redis)).isEqualTo("noeviction");
            redis.configSet("maxmemory", "10mb");
            assertThat(policy(redis)).isEqualTo("allkeys-tinylfu");
            assertThat(infoPolicy(redis)).isEqualTo("allkeys-tinylfu");
            redis.configSet("maxmemory", "0");
            assertThat(infoPolicy(redis)).isEqualTo("noeviction");
        }
    }

    @Test
    void withABoundAtStart_tinylfu() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "maxmemory", "10mb")) {
            assertThat(infoPolicy(server.lettuce())).isEqualTo("allkeys-tinylfu");
        }
    }

    @Test
    void aChosenPolicy_isKeptWhateverTheBound() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "maxmemory-policy", "allkeys-lru")) {
            RedisCommands<String, String> redis = server.lettuce();
            redis.configSet("maxmemory", "10mb");
            assertThat(infoPolicy(redis)).isEqualTo("allkeys-lru");
            redis.configSet("maxmemory-policy", "noeviction");
            assertThat(infoPolicy(redis)).isEqualTo("noeviction");
        }
    }
}
