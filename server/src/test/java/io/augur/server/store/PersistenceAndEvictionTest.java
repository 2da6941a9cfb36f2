package io.augur.server.store;

import io.augur.server.testing.RunningServer;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.augur.server.testing.RedisAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** The server's store as a client sees it: keys and TTLs survive a restart, maxmemory holds. */
class PersistenceAndEvictionTest {

    @TempDir
    Path dir;

    @Test
    void restart_keepsEveryKeyAndTtl() throws Exception {
        try (RunningServer server = RunningServer.start(dir)) {
            RedisCommands<String, String> redis = server.lettuce();
            for (int i = 0; i < 500; i++) {
                redis.set("persist:" + i, "value-" + i);
            }
            redis.set("ttl-key", "v", SetArgs.Builder.ex(1000));
            server.restart();
            redis = server.lettuce();
            assertThat(redis.dbsize()).isEqualTo(501);
            for (int i = 0; i < 500; i++) {
                assertThat(redis.get("persist:" + i)).isEqualTo("value-" + i);
            }
            assertThat(redis.ttl("ttl-key")).isBetween(990L, 1000L);
        }
    }

    /** The default capacity (1M keys) used to preallocate 376 MB; the file is sparse now. */
    @Test
    void emptyStoreAtDefaultCapacity_takesLittleDisk_andGrowsWithData() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "store-entries", "1000000")) {
            long empty = diskKilobytes(dir);
            assertThat(empty).isLessThan(64 * 1024);
            RedisCommands<String, String> redis = server.lettuce();
            String value = "v".repeat(100);
            for (int i = 0; i < 20_000; i++) {
                redis.set("grow:" + i, value);
            }
            assertThat(diskKilobytes(dir)).isGreaterThan(empty);
        }
    }

    /** Disk blocks in use, as `du -sk` counts them (holes of a sparse file do not count). */
    private static long diskKilobytes(Path path) throws Exception {
        Process du = new ProcessBuilder("du", "-sk", path.toString()).redirectErrorStream(true).start();
        String out = new String(du.getInputStream().readAllBytes());
        assertThat(du.waitFor()).as(out).isZero();
        return Long.parseLong(out.trim().split("\\s+")[0]);
    }

    @Test
    void shutdownCommand_stopsServer_andDataSurvives() throws Exception {
        RunningServer server = RunningServer.start(dir);
        RedisCommands<String, String> redis = server.lettuce();
        redis.set("k", "v");
        try {
            redis.shutdown(false);
        } catch (Exception expectedConnectionClosed) {
            // SHUTDOWN closes the connection without a reply, as in Redis
        }
        server.server().awaitStop();
        server.close();
        try (RunningServer again = RunningServer.start(dir)) {
            assertThat(again.lettuce().get("k")).isEqualTo("v");
        }
    }

    @Test
    void maxmemory_allkeysLru_staysWithinBoundAndEvicts() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "maxmemory", "1mb", "maxmemory-policy", "allkeys-lru")) {
            RedisCommands<String, String> redis = server.lettuce();
            String value = "x".repeat(1000);
            for (int i = 0; i < 5000; i++) {
                redis.set("big:" + i, value);
            }
            String memory = redis.info("memory");
            long used = Long.parseLong(memory.replaceAll("(?s).*used_memory:(\\d+).*", "$1"));
            assertThat(used).isLessThanOrEqualTo(1024 * 1024);
            assertThat(redis.info("stats")).containsPattern("evicted_keys:[1-9]");
            assertThat(redis.get("big:4999")).isEqualTo(value);
        }
    }

    @Test
    void maxmemory_noeviction_refusesWritesWithOom() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "maxmemory", "1mb", "maxmemory-policy", "noeviction")) {
            RedisCommands<String, String> redis = server.lettuce();
            String value = "x".repeat(1000);
            int stored = 0;
            boolean refused = false;
            for (int i = 0; i < 5000 && !refused; i++) {
                try {
                    redis.set("big:" + i, value);
                    stored++;
                } catch (io.lettuce.core.RedisCommandExecutionException e) {
                    assertThat(e).hasMessage("OOM command not allowed when used memory > 'maxmemory'.");
                    refused = true;
                }
            }
            assertThat(refused).isTrue();
            assertThat(redis.dbsize()).isEqualTo(stored);
            assertThat(redis.get("big:0")).isEqualTo(value);
        }
    }

    @Test
    void configSet_policyLive_switchesFromOomToEviction() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "maxmemory", "1mb", "maxmemory-policy", "noeviction")) {
            RedisCommands<String, String> redis = server.lettuce();
            String value = "x".repeat(1000);
            assertError(() -> {
                for (int i = 0; i < 5000; i++) {
                    redis.set("big:" + i, value);
                }
            }, "OOM command not allowed when used memory > 'maxmemory'.");
            redis.configSet("maxmemory-policy", "allkeys-random");
            for (int i = 0; i < 2000; i++) {
                redis.set("more:" + i, value);
            }
            assertThat(redis.get("more:1999")).isEqualTo(value);
        }
    }

    @Test
    void valueLargerThanMaxValueSize_isRefused_andServerKeepsServing() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "max-value-size", "64kb")) {
            RedisCommands<String, String> redis = server.lettuce();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> redis.set("huge", "y".repeat(65 * 1024)))
                    .isInstanceOf(io.lettuce.core.RedisCommandExecutionException.class)
                    .hasMessageStartingWith("ERR");
            redis.set("small", "ok");
            assertThat(redis.get("small")).isEqualTo("ok");
        }
    }

    @Test
    void configSet_maxmemorySamplesLive_reachesTheStore() throws Exception {
        // One segment (store-entries 1000) and samples >= keys make volatile-ttl exact: nearest expiry first.
        try (RunningServer server = RunningServer.start(dir, "store-entries", "1000", "maxmemory-policy", "volatile-ttl",
                "maxmemory-samples", "1")) {
            RedisCommands<String, String> redis = server.lettuce();
            String value = "x".repeat(100);
            for (int i = 0; i < 10; i++) {
                redis.set("ttl:" + i, value, SetArgs.Builder.ex(1000 + 100 * i)); // ttl:0 expires first
            }
            long used = Long.parseLong(redis.info("memory").replaceAll("(?s).*used_memory:(\\d+).*", "$1"));
            redis.configSet("maxmemory", Long.toString(used));
            redis.configSet("maxmemory-samples", "64");
            for (int i = 0; i < 3; i++) {
                redis.set("new:" + i, value, SetArgs.Builder.ex(100_000));
            }
            // With one sample per eviction, evicting exactly the three nearest expiries has odds of about 1 in 700.
            assertThat(redis.exists("ttl:0", "ttl:1", "ttl:2")).isZero();
            assertThat(redis.exists("ttl:3", "ttl:4", "ttl:5", "ttl:6", "ttl:7", "ttl:8", "ttl:9")).isEqualTo(7);
        }
    }

    @Test
    void configSet_tinylfuLive_keepsBoundAndEvicts() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "maxmemory", "1mb", "maxmemory-policy", "allkeys-lru")) {
            RedisCommands<String, String> redis = server.lettuce();
            String value = "x".repeat(1000);
            for (int i = 0; i < 2000; i++) {
                redis.set("big:" + i, value);
            }
            redis.configSet("maxmemory-policy", "allkeys-tinylfu");
            assertThat(redis.configGet("maxmemory-policy")).containsEntry("maxmemory-policy", "allkeys-tinylfu");
            long evictedBefore = Long.parseLong(redis.info("stats").replaceAll("(?s).*evicted_keys:(\\d+).*", "$1"));
            for (int i = 0; i < 2000; i++) {
                redis.set("more:" + i, value);
            }
            long used = Long.parseLong(redis.info("memory").replaceAll("(?s).*used_memory:(\\d+).*", "$1"));
            long evicted = Long.parseLong(redis.info("stats").replaceAll("(?s).*evicted_keys:(\\d+).*", "$1"));
            assertThat(used).isLessThanOrEqualTo(1024 * 1024);
            assertThat(evicted).isGreaterThan(evictedBefore);
            assertThat(redis.info("stats")).contains("prefetch_admission_refused:0");
        }
    }
}
