package io.augur.server.prefetch;

import io.augur.server.testing.RunningServer;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;

import static io.augur.server.prefetch.PrefetchEndToEndTest.parse;
import static io.augur.server.prefetch.PrefetchEndToEndTest.settle;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Eight users share one connection, as behind an application's pool, each walking its own fixed
 * path while the connection interleaves them at random. The connection's sequence is noise; each
 * user's is not. Prefetch pays only when the server reconstructs the users: from the keys
 * ({@code user:<id>:...}) or from AUGUR.CONTEXT.
 */
class PooledContextTest {

    private static final int USERS = 8;
    private static final int PATH = 15;
    /** Enough rounds that an interleaved successor's counts spread below the 0.3 confidence gate (about 1/7 each). */
    private static final int ROUNDS = 8;

    @TempDir
    Path dir;

    @Test
    void ownerInTheKeys_keyContexts_prefetchEachUsersNextKey() throws Exception {
        double hits = lastRoundHitRatio("key", false, u -> "user:" + u + ":page:");
        assertThat(hits).isGreaterThan(0.6);
    }

    @Test
    void ownerInTheKeys_connectionContext_learnsOnlyNoise() throws Exception {
        double hits = lastRoundHitRatio("connection", false, u -> "user:" + u + ":page:");
        assertThat(hits).isLessThan(0.3);
    }

    @Test
    void plainKeys_contextHint_prefetchEachUsersNextKey() throws Exception {
        double withHint = lastRoundHitRatio("key", true, u -> "page-of-" + u + "-");
        assertThat(withHint).isGreaterThan(0.6);
    }

    @Test
    void plainKeys_noHint_learnsOnlyNoise() throws Exception {
        double withoutHint = lastRoundHitRatio("key", false, u -> "page-of-" + u + "-");
        assertThat(withoutHint).isLessThan(0.3);
    }

    @Test
    void augurContext_badName_isAnError_andTheConnectionSurvives() throws Exception {
        try (RunningServer server = RunningServer.start(dir)) {
            RedisCommands<String, String> redis = server.lettuce();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> hint(redis, "x".repeat(300)))
                    .hasMessageContaining("ERR context name must be 1 to 256 bytes");
            assertThat(redis.ping()).isEqualTo("PONG");
        }
    }

    /** Hit ratio of the last round; each round starts from an empty cache. */
    private double lastRoundHitRatio(String contextMode, boolean sendHints, java.util.function.IntFunction<String> prefix)
            throws Exception {
        try (RunningServer server = RunningServer.start(dir.resolve(contextMode + sendHints + prefix.apply(0).length()),
                "origin", "sim://?latency=1ms", "read-through", "yes", "predictor", "successor",
                "prefetch-min-confidence", "0.3", "prefetch-dedup-window", "0", "prefetch-context", contextMode,
                "prefetch-min-precision", "0", "shadow-predictors", "")) {
            RedisCommands<String, String> redis = server.lettuce();
            Random random = new Random(7);
            long hits = 0;
            long reads = 0;
            for (int round = 0; round < ROUNDS; round++) {
                redis.flushall();
                settle(redis);
                int[] position = new int[USERS];
                int done = 0;
                hits = 0;
                reads = 0;
                while (done < USERS) {
                    int user = random.nextInt(USERS);
                    if (position[user] == PATH) {
                        continue;
                    }
                    if (sendHints) {
                        hint(redis, "user-" + user);
                    }
                    String key = prefix.apply(user) + (position[user] * 37 % 101); // no stride: only a successor learns it
                    if (redis.exists(key) == 1) {
                        hits++;
                    }
                    assertThat(redis.get(key)).startsWith("value-of:");
                    reads++;
                    settle(redis);
                    if (++position[user] == PATH) {
                        done++;
                    }
                }
            }
            Map<String, String> info = parse(redis.info("prefetch"));
            assertThat(info.get("prefetch_context")).isEqualTo(contextMode);
            return (double) hits / reads;
        }
    }

    private static void hint(RedisCommands<String, String> redis, String name) {
        redis.dispatch(Keyword.CONTEXT, new StatusOutput<>(StringCodec.UTF8),
                new CommandArgs<>(StringCodec.UTF8).add(name));
    }

    private enum Keyword implements ProtocolKeyword {
        CONTEXT;

        @Override
        public byte[] getBytes() {
            return "AUGUR.CONTEXT".getBytes(StandardCharsets.US_ASCII);
        }
    }
}
