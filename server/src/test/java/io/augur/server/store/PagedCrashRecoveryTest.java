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
}
