package io.augur.server.command;

import io.augur.server.testing.Await;
import io.augur.server.testing.AugurServerExtension;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A collection kept in pages is one key to every keyspace command: expiry, WATCH, databases, flush, memory. */
class PagedKeyspaceTest {

    @RegisterExtension
    static final AugurServerExtension augur = new AugurServerExtension("max-value-size", "1mb");

    private static final int ELEMENTS = 2000;

    @BeforeEach
    void empty() {
        augur.redis().flushall();
    }

    private static long usedMemory(RedisCommands<String, String> redis) {
        String info = redis.info("memory");
        for (String line : info.split("\r\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()));
            }
        }
        throw new AssertionError("no used_memory in " + info);
    }

    private static void fillHash(RedisCommands<String, String> redis, String key) {
        Map<String, String> fields = new HashMap<>();
        for (int i = 0; i < ELEMENTS; i++) {
            fields.put("field:" + i, "value:" + i);
        }
        redis.hset(key, fields);
    }

    private static void fillList(RedisCommands<String, String> redis, String key) {
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < ELEMENTS; i++) {
            elements.add("element:" + i);
        }
        redis.rpush(key, elements.toArray(String[]::new));
    }

    @Test
    void expiringAPagedHash_removesTheKeyAndEveryPage_soUsedMemoryReturnsToEmpty() {
        RedisCommands<String, String> redis = augur.redis();
        long empty = usedMemory(redis);
        fillHash(redis, "h");
        assertThat(usedMemory(redis)).isGreaterThan(empty + ELEMENTS * 10L);
        assertThat(redis.info("keyspace")).contains("keys=1,");
        redis.pexpire("h", 50);
        Await.until("the hash expired", redis::dbsize, n -> n == 0);
        Await.until("its pages removed with it", () -> usedMemory(redis), used -> used == empty);
    }

    @Test
    void flushdbAndDel_removeEveryPage_andPagesNeverShowAsKeys() {
        RedisCommands<String, String> redis = augur.redis();
        long empty = usedMemory(redis);
        fillList(redis, "l");
        fillHash(redis, "h");
        redis.sadd("s", redis.lrange("l", 0, -1).toArray(String[]::new));
        assertThat(redis.keys("*")).containsExactlyInAnyOrder("l", "h", "s");
        assertThat(redis.dbsize()).isEqualTo(3);
        assertThat(redis.scan().getKeys()).containsExactlyInAnyOrder("l", "h", "s");
        assertThat(redis.del("s")).isEqualTo(1);
        redis.flushdb();
        assertThat(usedMemory(redis)).isEqualTo(empty);
    }

    @Test
    void watchedPagedList_changedByAnotherClient_abortsTheTransaction() {
        RedisCommands<String, String> redis = augur.redis();
        fillList(redis, "queue");
        try (StatefulRedisConnection<String, String> other = augur.server().connect()) {
            redis.watch("queue");
            other.sync().rpush("queue", "late");
            redis.multi();
            redis.lpop("queue");
            assertThat(redis.exec().wasDiscarded()).isTrue();
        }
        assertThat(redis.llen("queue")).isEqualTo(ELEMENTS + 1);
        assertThat(redis.lindex("queue", -1)).isEqualTo("late");
    }

    @Test
    void hsetOnAPagedHash_refusedAtAnOversizedField_keepsTheFieldsBefore_andWatchSeesTheChange() {
        RedisCommands<String, String> redis = augur.redis();
        fillHash(redis, "h");
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("small", "kept");
        fields.put("huge", "x".repeat(1024 * 1024 + 1)); // past max-value-size: no page may hold it
        redis.watch("h");
        try (StatefulRedisConnection<String, String> other = augur.server().connect()) {
            assertThatThrownBy(() -> other.sync().hset("h", fields))
                    .isInstanceOf(RedisCommandExecutionException.class).hasMessageStartingWith("ERR value too large");
            assertThat(other.sync().ping()).isEqualTo("PONG");
        }
        redis.multi();
        redis.hlen("h");
        assertThat(redis.exec().wasDiscarded()).isTrue();
        assertThat(redis.hget("h", "small")).isEqualTo("kept");
        assertThat(redis.hexists("h", "huge")).isFalse();
        assertThat(redis.hlen("h")).isEqualTo(ELEMENTS + 1);
    }

    @Test
    void renameCopyMoveAndSwapdb_carryAPagedCollectionWhole() {
        RedisCommands<String, String> redis = augur.redis();
        fillHash(redis, "h");
        redis.expire("h", 1000);
        redis.rename("h", "h2");
        assertThat(redis.hlen("h2")).isEqualTo(ELEMENTS);
        assertThat(redis.ttl("h2")).isPositive();
        assertThat(redis.copy("h2", "h3")).isTrue();
        redis.hset("h3", "field:1", "changed");
        assertThat(redis.hget("h2", "field:1")).isEqualTo("value:1");
        assertThat(redis.move("h3", 1)).isTrue();
        redis.swapdb(0, 1);
        assertThat(redis.hget("h3", "field:1")).isEqualTo("changed");
        assertThat(redis.hgetall("h3")).hasSize(ELEMENTS);
        assertThat(redis.exists("h2")).isZero();
        assertThat(redis.objectEncoding("h3")).isEqualTo("hashtable");
        assertThat(redis.type("h3")).isEqualTo("hash");
        redis.swapdb(0, 1);
    }
}
