package io.augur.server.prefetch;

import io.augur.server.cli.AugurCommandAccess;
import io.augur.server.testing.RunningServer;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Warming: the most read keys come back from the origin on demand and after a restart. */
class WarmingTest {

    @TempDir
    Path dir;

    private static void readHotKeys(RedisCommands<String, String> redis) throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 50; i++) {
                redis.get("hot:" + i);
            }
        }
        // The predictor thread ranks them: wait until it has handled all 150 reads.
        long deadline = System.currentTimeMillis() + 20_000;
        while (!redis.info("predictors").contains("active=1,reads=150,") && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void augurWarm_loadsTheMostReadKeysThatAreNotCached() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "origin", "sim://?latency=1ms", "read-through", "yes")) {
            RedisCommands<String, String> redis = server.lettuce();
            readHotKeys(redis);
            redis.flushall();
            assertThat(redis.dbsize()).isZero();
            String out = AugurCommandAccess.run("warm", "--port", Integer.toString(server.port()), "--count", "100");
            assertThat(out).contains("candidates=50").contains("cached=0").contains("loaded=50").contains("failed=0");
            assertThat(redis.dbsize()).isEqualTo(50);
            assertThat(redis.get("hot:7")).startsWith("value-of:hot:7");
            // Warm again: everything is cached now.
            assertThat(AugurCommandAccess.run("warm", "--port", Integer.toString(server.port())))
                    .contains("cached=50").contains("loaded=0");
        }
    }

    @Test
    void restart_warmsThePreviousRunsHotKeysBeforeAnyRead() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "origin", "sim://?latency=1ms", "read-through", "yes")) {
            RedisCommands<String, String> redis = server.lettuce();
            readHotKeys(redis);
            redis.flushall(); // as if the cache had lost them (a failover to an empty node)
        }
        try (RunningServer restarted = RunningServer.start(dir, "origin", "sim://?latency=1ms", "read-through", "yes",
                "warm-on-start", "20")) {
            RedisCommands<String, String> redis = restarted.lettuce();
            long deadline = System.currentTimeMillis() + 10_000;
            while (redis.dbsize() < 20 && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(redis.dbsize()).isEqualTo(20);
            assertThat(redis.keys("hot:*")).hasSize(20);
        }
    }

    @Test
    void idleServer_warmsItsMostReadKeys_withoutAnyoneAsking() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "origin", "sim://?latency=1ms", "read-through", "yes",
                "idle-warm", "10", "idle-below-ops", "50")) {
            RedisCommands<String, String> redis = server.lettuce();
            readHotKeys(redis);
            redis.flushall();
            // No more traffic but this polling (about 5 commands a second, under 50): ten keys a second come back.
            long deadline = System.currentTimeMillis() + 20_000;
            while (redis.dbsize() < 50 && System.currentTimeMillis() < deadline) {
                Thread.sleep(200);
            }
            assertThat(redis.dbsize()).isEqualTo(50);
            assertThat(redis.info("prefetch")).containsPattern("idle_warm_rounds:[1-9]").contains("warmed_keys:50");
        }
    }

    @Test
    void augurWarm_withoutAnOrigin_isAClearError() throws Exception {
        try (RunningServer server = RunningServer.start(dir)) {
            assertThat(server.redisCli("AUGUR.WARM")).contains("ERR no origin configured");
        }
    }
}
