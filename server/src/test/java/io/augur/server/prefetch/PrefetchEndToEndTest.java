package io.augur.server.prefetch;

import io.augur.server.testing.Await;
import io.augur.server.testing.InfoFields;
import io.augur.server.testing.RunningServer;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Server + simulated origin + a client reading a repeating sequence: once the successor table has
 * seen the sequence, the next keys are already cached when the client asks, and INFO agrees.
 */
class PrefetchEndToEndTest {

    @TempDir
    Path dir;

    @Test
    void repeatingSequence_isPrefetched_andInfoCountsAgreeWithClient() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "origin", "sim://?latency=2ms", "read-through", "yes",
                "predictor", "successor", "prefetch-min-confidence", "0.3", "prefetch-dedup-window", "0",
                "shadow-sample", "1")) { // the shadows predict after every read, so their score is exact
            RedisCommands<String, String> redis = server.lettuce();
            int sequenceLength = 40;
            int rounds = 6;
            long clientHits = 0;
            long lastRoundHits = 0;
            for (int round = 0; round < rounds; round++) {
                // Expire everything so each round must come from the origin or from prefetch.
                redis.flushall();
                settle(redis);
                for (int i = 0; i < sequenceLength; i++) {
                    String key = "item:" + (i * 7919 % 1000); // not a stride: only a successor table learns it
                    boolean cached = redis.exists(key) == 1;
                    assertThat(redis.get(key)).startsWith("value-of:" + key);
                    if (cached) {
                        clientHits++;
                        if (round == rounds - 1) {
                            lastRoundHits++;
                        }
                    }
                    settle(redis); // the think time: the prefetches this read caused have landed
                }
            }
            assertThat(lastRoundHits).as("keys already cached in the last round").isGreaterThan(sequenceLength / 2);
            Map<String, String> info = parse(redis.info("prefetch"));
            assertThat(Long.parseLong(info.get("prefetch_issued"))).isPositive();
            assertThat(Long.parseLong(info.get("prefetch_used"))).isPositive();
            // Every prefetch is attributed to the part of the predictor that proposed it.
            assertThat(info.get("prefetch_issued_by_source")).isEqualTo("successor=" + info.get("prefetch_issued"));
            assertThat(info.get("prefetch_used_by_source")).isEqualTo("successor=" + info.get("prefetch_used"));
            Map<String, String> stats = parse(redis.info("stats"));
            long hits = Long.parseLong(stats.get("keyspace_hits"));
            long misses = Long.parseLong(stats.get("keyspace_misses"));
            // Every GET counted once, as a hit or (served by read-through) a miss; every used prefetch was a hit.
            assertThat(hits + misses).isEqualTo((long) sequenceLength * rounds);
            assertThat(Long.parseLong(info.get("prefetch_used"))).isLessThanOrEqualTo(hits);
            assertThat(hits).isGreaterThanOrEqualTo(clientHits);
            assertThat(info.get("predictor")).isEqualTo("successor");

            // The configured others ran in shadow on the same reads; successor+delta learns this loop too.
            Map<String, String> scores = parse(redis.info("predictors"));
            assertThat(scores.get("predictor_successor")).startsWith("active=1,");
            assertThat(scores).containsKeys("predictor_delta", "predictor_successor+delta");
            Map<String, String> shadow = fields(scores.get("predictor_successor+delta"));
            assertThat(shadow.get("active")).isEqualTo("0");
            // Scored on the reads that followed one it predicted after: all but the first, less any the
            // connection read again before the predictor thread got to it (superseded in its batch).
            assertThat(Long.parseLong(shadow.get("reads"))).isBetween((long) sequenceLength * rounds / 2,
                    (long) sequenceLength * rounds - 1);
            assertThat(Double.parseDouble(shadow.get("precision"))).isGreaterThan(0.5);
            assertThat(Double.parseDouble(shadow.get("coverage"))).isGreaterThan(0.5);
        }
    }

    @Test
    void trafficThatStopsFollowingTheLearnedPattern_raisesADriftAlert() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "origin", "sim://?latency=1ms", "read-through", "yes",
                "predictor", "successor", "drift-window", "200", "drift-margin", "0.2", "predictor-cpu", "1")) {
            RedisCommands<String, String> redis = server.lettuce();
            // Rounds of the loop until two windows of predictions are judged: how many rounds that takes
            // depends on how many reads the predictor thread got to before the client's next one.
            Await.until("2 drift windows", () -> {
                for (int i = 0; i < 30; i++) {
                    redis.get("loop:" + i);
                }
                return Long.parseLong(parse(redis.info("predictor")).get("drift_windows"));
            }, n -> n >= 2);
            Map<String, String> before = parse(redis.info("predictor"));
            assertThat(Double.parseDouble(before.get("drift_reference_precision"))).isGreaterThan(0.5);
            assertThat(before.get("drift_alerts")).isEqualTo("0");
            // The same keys in a new random order: the table's successors are now mostly wrong.
            java.util.Random random = new java.util.Random(7);
            Map<String, String> after = Await.until("a drift alert", () -> {
                for (int n = 0; n < 300; n++) {
                    redis.get("loop:" + random.nextInt(30));
                }
                return parse(redis.info("predictor"));
            }, m -> !m.get("drift_alerts").equals("0"));
            assertThat(Long.parseLong(after.get("drift_alerts"))).isPositive();
            assertThat(Double.parseDouble(after.get("drift_window_precision")))
                    .isLessThan(Double.parseDouble(after.get("drift_reference_precision")) - 0.2);
        }
    }

    @Test
    void abTest_splitsConnectionsBetweenTwoPredictors_andTellsWhichHitsMore() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "origin", "sim://?latency=1ms", "read-through", "yes",
                "predictor", "none", "ab-test", "successor", "prefetch-dedup-window", "0", "predictor-cpu", "1",
                "store-entries", "100", "maxmemory-policy", "allkeys-lru")) {
            List<RedisCommands<String, String>> clients = new java.util.ArrayList<>();
            for (int c = 0; c < 8; c++) {
                clients.add(server.connect().sync());
            }
            // Each client loops over its own 30 keys; 240 keys in a 100-key LRU: without prefetch, no hits.
            for (int round = 0; round < 12; round++) {
                for (int i = 0; i < 30; i++) {
                    for (int c = 0; c < clients.size(); c++) {
                        clients.get(c).get("client" + c + ":item:" + (i * 7 % 30));
                    }
                    settle(clients.get(0)); // the prefetches land before each client's next read
                }
            }
            Map<String, String> info = parse(clients.get(0).info("predictors"));
            assertThat(info.get("ab_test")).isEqualTo("none vs successor");
            Map<String, String> a = fields(info.get("ab_arm_a"));
            Map<String, String> b = fields(info.get("ab_arm_b"));
            assertThat(Long.parseLong(a.get("reads"))).isPositive();
            assertThat(Long.parseLong(b.get("reads"))).isPositive();
            assertThat(Long.parseLong(a.get("reads")) + Long.parseLong(b.get("reads"))).isEqualTo(8L * 30 * 12);
            assertThat(Double.parseDouble(b.get("hit_ratio"))).isGreaterThan(Double.parseDouble(a.get("hit_ratio")) + 0.3);
            assertThat(info.get("ab_significant")).isEqualTo("1");
            assertThat(info.get("ab_leader")).isEqualTo("successor");
        }
    }

    @Test
    void autoSwitch_handsServingToTheShadowThatKeepsForeseeingMore() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(io.augur.server.testing.RedisCli.installed());
        try (RunningServer server = RunningServer.start(dir, "origin", "sim://?latency=1ms",
                "predictor", "none", "shadow-predictors", "successor", "auto-switch", "yes", "predictor-cpu", "1",
                "accesslog-size", "1048576")) {
            RedisCommands<String, String> redis = server.lettuce();
            StringBuilder loop = new StringBuilder();
            for (int round = 0; round < 2_500; round++) {
                for (int i = 0; i < 30; i++) {
                    loop.append("GET page:").append(i * 7 % 30).append("\r\n");
                }
            }
            // 75,000 reads of one loop on one connection: 'none' foresees nothing, 'successor' nearly all.
            String out = io.augur.server.testing.RedisCli.runWithInput(server.port(),
                    loop.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII), "--pipe");
            assertThat(out).contains("errors: 0");
            Map<String, String> info = Await.until("an auto-switch", () -> parse(redis.info("predictor")),
                    m -> "1".equals(m.get("auto_switches")));
            assertThat(info.get("auto_switches")).isEqualTo("1");
            assertThat(info.get("predictor")).isEqualTo("successor");
            assertThat(redis.configGet("predictor").get("predictor")).isEqualTo("successor");
        }
    }

    /**
     * Waits until the predictor thread has handled every access offered so far and no prefetch is
     * still out: what a client's think time stood for, without guessing how long it takes.
     */
    static void settle(RedisCommands<String, String> redis) {
        InfoFields.awaitPrefetchSettled(redis);
    }

    /** The `a=1,b=2` fields of an INFO line's value. */
    private static Map<String, String> fields(String value) {
        return java.util.Arrays.stream(value.split(",")).map(f -> f.split("=", 2))
                .collect(Collectors.toMap(f -> f[0], f -> f[1]));
    }

    @Test
    void lstm_trainsOnLiveTraffic_andItsServedBlendPrefetchesTheLoop() throws Exception {
        // A loop the blend's tables predict perfectly: the swap gate serves a network only when the whole
        // served blend scores better than the tables alone (LongDependencyTest shows one that must), so
        // here what matters is that training runs on the real engine live and prefetching serves the loop.
        try (RunningServer server = RunningServer.start(dir, "origin", "sim://?latency=1ms", "read-through", "yes",
                "predictor", "lstm", "device", "cpu", "train-interval", "1", "train-min-events", "500",
                "train-window", "3000", "prefetch-min-confidence", "0.3", "prefetch-dedup-window", "0",
                "predictor-cpu", "1")) {
            RedisCommands<String, String> redis = server.lettuce();
            // Traffic goes on until the gate has judged a trained candidate (the probe itself is the traffic).
            Map<String, String> predictor = Await.until("a candidate judged", java.time.Duration.ofSeconds(180), () -> {
                redis.flushall();
                for (int i = 0; i < 30; i++) {
                    redis.get("page:" + (i * 7 % 31) + ":v");
                }
                return parse(redis.info("predictor"));
            }, m -> Long.parseLong(m.get("training_swaps")) + Long.parseLong(m.get("training_rejections")) >= 1);
            assertThat(predictor.get("engine")).isEqualTo("PyTorch");
            assertThat(predictor.get("engine_device")).isEqualTo("cpu");
            assertThat(predictor.get("training_day_memory")).isEqualTo("25000");
            assertThat(Double.parseDouble(predictor.get("baseline_accuracy"))).as("the tables' score: %s", predictor)
                    .isPositive();
            // The window (3000), plus the previous hour's reads if the run began after the hour turned.
            assertThat(Integer.parseInt(predictor.get("training_last_events"))).isBetween(500, 3000 + 25000 / 24);
            long usedBefore = Long.parseLong(parse(redis.info("prefetch")).get("prefetch_used"));
            int cached = 0;
            redis.flushall();
            for (int i = 0; i < 30; i++) {
                String key = "page:" + (i * 7 % 31) + ":v";
                settle(redis); // think time: the prefetch of this key was issued after the previous read
                if (redis.exists(key) == 1) {
                    cached++;
                }
                redis.get(key);
            }
            Map<String, String> info = parse(redis.info("prefetch"));
            assertThat(cached).as("keys already prefetched when read").isGreaterThan(15);
            assertThat(Long.parseLong(info.get("prefetch_used"))).isGreaterThan(usedBefore);
            assertThat(info.get("predictor")).isEqualTo("lstm");
        }
    }

    @Test
    void deadOrigin_readThroughErrorsWithinTimeout_cachedKeysStillServed() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "origin", "http://127.0.0.1:9/{key}",
                "read-through", "yes", "origin-timeout", "300")) {
            RedisCommands<String, String> redis = server.lettuce();
            redis.set("cached", "still-here");
            // The origin's own timeout (300 ms) ends the wait; the client's 60 s timeout would fail differently.
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> redis.get("not-cached"))
                    .hasMessageStartingWith("ERR origin unavailable");
            assertThat(redis.get("cached")).isEqualTo("still-here");
            redis.set("written", "ok");
            assertThat(redis.get("written")).isEqualTo("ok");
            assertThat(redis.info("prefetch")).contains("origin_errors:");
        }
    }

    @Test
    void slowOrigin_doesNotStallOtherClients() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "origin", "sim://?latency=3000ms",
                "read-through", "yes", "origin-timeout", "6000")) {
            var slow = server.connect().async();
            RedisCommands<String, String> fast = server.lettuce();
            fast.set("cached", "v");
            var pending = slow.get("slow-key");
            for (int i = 0; i < 50; i++) {
                assertThat(fast.get("cached")).isEqualTo("v");
            }
            // Not a timing claim: the other client's 50 round trips all finished while the slow fetch was still out.
            assertThat(pending.isDone()).as("slow read still waiting on the origin").isFalse();
            assertThat(pending.get(10, java.util.concurrent.TimeUnit.SECONDS)).startsWith("value-of:slow-key");
        }
    }

    static Map<String, String> parse(String info) {
        return InfoFields.parse(info);
    }
}
