package io.augur.server.store;

import io.augur.server.testing.Await;
import io.augur.server.testing.RunningServer;
import io.augur.server.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 while a large (paged) list, hash and sorted set are being written: after the restart each
 * holds every acknowledged write, at most the one in flight beyond it, its length agrees with its
 * elements, and the sorted set's ranges and ranks agree with its scores.
 */
class PagedCrashRecoveryTest {

    private static final int WRITES = 40_000;

    @TempDir
    Path dir;

    /** Scores repeat, so members tie and the member order inside a score counts. */
    private static double score(int i) {
        return (i * 7919L) % 1000;
    }

    @Test
    void kill9WhileWritingALargeListHashAndSortedSet_restartKeepsEveryAcknowledgedWrite_andCountsAgree() throws Exception {
        Path data = dir.resolve("data");
        AtomicInteger acknowledged = new AtomicInteger();
        int pushed = 0;
        try (ServerProcess server = ServerProcess.start(data, dir.resolve("server.log"))) {
            Thread killer = new Thread(() -> {
                Await.until("a quarter of the writes acknowledged", acknowledged::get, n -> n >= WRITES / 4);
                try {
                    server.kill9();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            killer.start();
            try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
                for (int i = 0; i < WRITES; i++) {
                    jedis.rpush("queue", "job-" + i);
                    jedis.hset("hash", "field-" + i, "value-" + i);
                    jedis.zadd("board", score(i), "player-" + i);
                    pushed = i + 1;
                    acknowledged.incrementAndGet();
                }
            } catch (JedisException connectionLost) {
                // killed: pushed counts the writes both acknowledged
            }
            killer.join();
        }
        assertThat(pushed).isGreaterThanOrEqualTo(WRITES / 4);
        try (RunningServer restarted = RunningServer.start(data)) {
            var redis = restarted.lettuce();
            List<String> queue = redis.lrange("queue", 0, -1);
            assertThat(redis.llen("queue")).isEqualTo(queue.size());
            assertThat(queue.size()).isBetween(pushed, pushed + 1);
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < queue.size(); i++) {
                expected.add("job-" + i);
            }
            assertThat(queue).isEqualTo(expected);
            Map<String, String> hash = redis.hgetall("hash");
            assertThat(redis.hlen("hash")).isEqualTo(hash.size());
            assertThat(hash.size()).isBetween(pushed, pushed + 1);
            for (int i = 0; i < pushed; i++) {
                assertThat(hash).containsEntry("field-" + i, "value-" + i);
            }
            List<io.lettuce.core.ScoredValue<String>> board = redis.zrangeWithScores("board", 0, -1);
            assertThat(redis.zcard("board")).isEqualTo(board.size());
            assertThat(board.size()).isBetween(pushed, pushed + 1);
            List<String> order = new ArrayList<>();
            for (int i = 0; i < board.size(); i++) {
                order.add("player-" + i);
            }
            order.sort(java.util.Comparator.comparingDouble((String m) -> score(Integer.parseInt(m.substring(7))))
                    .thenComparing(java.util.Comparator.naturalOrder()));
            assertThat(board).extracting(io.lettuce.core.ScoredValue::getValue).isEqualTo(order);
            List<String> topTen = new ArrayList<>(order.subList(order.size() - 10, order.size()));
            java.util.Collections.reverse(topTen);
            assertThat(redis.zrevrange("board", 0, 9)).isEqualTo(topTen);
            assertThat(redis.zrank("board", order.get(order.size() / 2))).isEqualTo(order.size() / 2);
            assertThat(redis.dbsize()).isEqualTo(3);
            assertThat(redis.objectEncoding("hash")).isEqualTo("hashtable");
        }
    }

    /**
     * Pipelined: the command thread holds a batch's page rewrites (pushes and pops inside a list's
     * end pages, new values of a large hash's fields) until the batch's replies leave, so every
     * batch whose replies arrived must be in the file, whatever the kill cuts.
     */
    @Test
    void kill9WhilePipelinedPushesPopsAndOverwritesAreHeld_restartKeepsEveryAcknowledgedBatch() throws Exception {
        Path data = dir.resolve("data");
        int batch = 64;
        int fields = 300;
        int work = 200_000;
        AtomicInteger acknowledgedBatches = new AtomicInteger();
        int acknowledged = 0; // batches whose replies all arrived
        int sent = 0;
        try (ServerProcess server = ServerProcess.start(data, dir.resolve("server.log"))) {
            try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
                for (int start = 0; start < work; start += 10_000) {
                    List<String> chunk = new ArrayList<>();
                    for (int i = start; i < start + 10_000; i++) {
                        chunk.add("w" + i);
                    }
                    jedis.rpush("work", chunk.toArray(String[]::new));
                }
                for (int f = 0; f < fields; f++) {
                    jedis.hset("hash", "field-" + f, "value-" + (f - fields));
                }
            }
            Thread killer = new Thread(() -> {
                Await.until("200 batches acknowledged", acknowledgedBatches::get, n -> n >= 200);
                try {
                    server.kill9();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            killer.start();
            try (Jedis jedis = new Jedis("127.0.0.1", server.port())) {
                for (int b = 0; b < work / batch; b++) {
                    var pipeline = jedis.pipelined();
                    for (int i = b * batch; i < (b + 1) * batch; i++) {
                        pipeline.rpush("queue", "job-" + i);
                        pipeline.hset("hash", "field-" + (i % fields), "value-" + i);
                        pipeline.lpop("work");
                    }
                    sent = b + 1;
                    pipeline.sync();
                    acknowledged = b + 1;
                    acknowledgedBatches.incrementAndGet();
                }
            } catch (JedisException connectionLost) {
                // killed: acknowledged counts the batches whose replies all arrived
            }
            killer.join();
        }
        assertThat(acknowledged).isGreaterThanOrEqualTo(200);
        try (RunningServer restarted = RunningServer.start(data)) {
            var redis = restarted.lettuce();
            List<String> queue = redis.lrange("queue", 0, -1);
            assertThat(redis.llen("queue")).isEqualTo(queue.size());
            assertThat(queue.size()).isBetween(acknowledged * batch, sent * batch);
            for (int i = 0; i < queue.size(); i++) {
                assertThat(queue.get(i)).isEqualTo("job-" + i);
            }
            List<String> left = redis.lrange("work", 0, -1);
            assertThat(redis.llen("work")).isEqualTo(left.size());
            int popped = work - left.size();
            assertThat(popped).as("pops kept").isBetween(acknowledged * batch, sent * batch);
            for (int i = 0; i < left.size(); i += 997) {
                assertThat(left.get(i)).isEqualTo("w" + (popped + i));
            }
            Map<String, String> hash = redis.hgetall("hash");
            assertThat(hash).hasSize(fields);
            for (int f = 0; f < fields; f++) {
                int lastAcknowledged = f;
                while (lastAcknowledged + fields < acknowledged * batch) {
                    lastAcknowledged += fields;
                }
                int value = Integer.parseInt(hash.get("field-" + f).substring("value-".length()));
                assertThat(value).as("field-%d", f).isBetween(lastAcknowledged, sent * batch - 1);
            }
        }
    }
}
