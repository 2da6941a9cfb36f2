package io.augur.server.prefetch;

import io.augur.server.testing.RunningServer;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static io.augur.server.prefetch.PrefetchEndToEndTest.parse;
import static io.augur.server.prefetch.PrefetchEndToEndTest.settle;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the predictor thread is behind the reads, a key read again has the keys predicted after it
 * last time fetched at the read itself, on the request path; the prefetches count as the source
 * that named them.
 */
class RepeatPrefetchTest {

    private static final int LOOP = 200;
    private static final int ROUNDS = 6;

    @TempDir
    Path dir;

    @Test
    void aLoopReadAgainWhileThePredictorIsBehind_hasItsPredictedKeysFetchedAtEachRead() throws Exception {
        // Room for a tenth of the loop and no read-through: a key is cached at its read only if a prefetch
        // brought it; each round's flush leaves what was predicted after each key but not the values.
        try (RunningServer server = RunningServer.start(dir, "origin", "sim://?latency=1ms", "read-through", "no",
                "idle-warm", "0", "store-entries", Integer.toString(LOOP / 10), "maxmemory-policy", "allkeys-lru",
                "predictor", "successor", "prefetch-dedup-window", "0", "shadow-predictors", "")) {
            RedisCommands<String, String> redis = server.lettuce();
            // One read at a time: the predictor thread keeps up (mostly) and predicts after every key.
            for (int round = 0; round < ROUNDS; round++) {
                readLoop(redis);
            }
            // The whole loop in one write: the predictor thread takes it in batches behind the reads, and
            // the command thread fetches each read key's predicted successor at the read.
            redis.flushall();
            settle(redis);
            RedisAsyncCommands<String, String> pipelined = redis.getStatefulConnection().async();
            for (int pass = 0; pass < 3; pass++) {
                List<RedisFuture<String>> gets = new ArrayList<>();
                for (int i = 0; i < LOOP; i++) {
                    gets.add(pipelined.get("loop:" + i));
                }
                for (RedisFuture<String> get : gets) {
                    get.get(10, TimeUnit.SECONDS);
                }
            }
            settle(redis);
            Map<String, String> info = parse(redis.info("prefetch"));
            long repeated = Long.parseLong(info.get("prefetch_repeated"));
            assertThat(repeated).as("prefetches repeated at the read").isPositive();
            assertThat(Long.parseLong(info.get("prefetch_issued"))).as("each one issued").isGreaterThanOrEqualTo(repeated);
            assertThat(info.get("prefetch_issued_by_source")).as("counted as the source that named it")
                    .startsWith("successor=");
        }
    }

    private static void readLoop(RedisCommands<String, String> redis) {
        redis.flushall();
        settle(redis);
        for (int i = 0; i < LOOP; i++) {
            redis.get("loop:" + i);
        }
        settle(redis);
    }
}
