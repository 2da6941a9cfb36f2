package io.augur.server.prefetch;

import io.augur.server.testing.RunningServer;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.augur.server.prefetch.PrefetchEndToEndTest.parse;
import static io.augur.server.prefetch.PrefetchEndToEndTest.settle;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A key read again has what the planner fetched after it last time fetched at the read itself, on
 * the request path, whatever the predictor thread's lag; the prefetches count as the sources that
 * named them and are used like any other.
 */
class RepeatPrefetchTest {

    private static final int LOOP = 200;
    private static final int ROUNDS = 6;

    @TempDir
    Path dir;

    @Test
    void aLoopReadAgain_hasItsPlannedKeysRefetchedAtEachRead_andTheyAreRead() throws Exception {
        // Room for a tenth of the loop and no read-through: a key is cached at its read only if a prefetch
        // brought it; each round's flush leaves the plans but not the values.
        try (RunningServer server = RunningServer.start(dir, "origin", "sim://?latency=1ms", "read-through", "no",
                "idle-warm", "0", "store-entries", Integer.toString(LOOP / 10), "maxmemory-policy", "allkeys-lru",
                "predictor", "successor", "prefetch-dedup-window", "0", "shadow-predictors", "")) {
            RedisCommands<String, String> redis = server.lettuce();
            for (int round = 0; round < ROUNDS; round++) {
                redis.flushall();
                settle(redis);
                for (int i = 0; i < LOOP; i++) {
                    redis.get("loop:" + i);
                }
            }
            settle(redis);
            Map<String, String> info = parse(redis.info("prefetch"));
            long repeated = Long.parseLong(info.get("prefetch_repeated"));
            long issued = Long.parseLong(info.get("prefetch_issued"));
            assertThat(repeated).as("prefetches repeated at the read").isGreaterThan(LOOP);
            assertThat(issued).as("every repeat is an issued prefetch").isGreaterThanOrEqualTo(repeated);
            assertThat(info.get("prefetch_issued_by_source")).startsWith("successor=");
            // Used: some land before their read (how many depends on this machine's speed against the 1 ms origin).
            assertThat(Long.parseLong(info.get("prefetch_used"))).isPositive();
        }
    }
}
