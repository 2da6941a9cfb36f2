package io.augur.server.command;

import io.augur.server.testing.AugurServerExtension;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A Spring-Session-like workload over Lettuce: one hash per session, attributes set and removed, a TTL per session. */
class HashSessionsTest {

    @RegisterExtension
    static final AugurServerExtension augur = new AugurServerExtension("max-value-size", "4096");

    @BeforeEach
    void flush() {
        augur.redis().flushall();
    }

    @Test
    void sessions_storeAttributesExpireAndDeleteAsSpringSessionDoes() {
        RedisCommands<String, String> redis = augur.redis();
        int sessions = 200;
        for (int i = 0; i < sessions; i++) {
            String key = "spring:session:sessions:" + i;
            Map<String, String> created = new HashMap<>();
            created.put("creationTime", Long.toString(1_700_000_000_000L + i));
            created.put("lastAccessedTime", Long.toString(1_700_000_000_000L + i));
            created.put("maxInactiveInterval", "1800");
            created.put("sessionAttr:user", "user-" + i);
            assertThat(redis.hset(key, created)).isEqualTo(4);
            assertThat(redis.expire(key, 2100)).isTrue();
        }
        for (int i = 0; i < sessions; i++) {
            String key = "spring:session:sessions:" + i;
            // a request: read the session, touch it, change attributes, renew the TTL
            Map<String, String> session = redis.hgetall(key);
            assertThat(session).containsEntry("sessionAttr:user", "user-" + i).hasSize(4);
            redis.hset(key, Map.of("lastAccessedTime", "42", "sessionAttr:cart", "items-" + i));
            if (i % 2 == 0) {
                assertThat(redis.hdel(key, "sessionAttr:cart")).isEqualTo(1);
            }
            redis.expire(key, 1800);
        }
        for (int i = 0; i < sessions; i++) {
            String key = "spring:session:sessions:" + i;
            Map<String, String> session = redis.hgetall(key);
            assertThat(session.get("lastAccessedTime")).isEqualTo("42");
            assertThat(session.containsKey("sessionAttr:cart")).isEqualTo(i % 2 == 1);
            assertThat(redis.ttl(key)).isBetween(1700L, 1800L);
            assertThat(redis.type(key)).isEqualTo("hash");
        }
        redis.del("spring:session:sessions:0");
        assertThat(redis.exists("spring:session:sessions:0")).isZero();
        assertThat(redis.dbsize()).isEqualTo(sessions - 1);
        assertThat(redis.hincrby("spring:session:sessions:1", "maxInactiveInterval", 60)).isEqualTo(1860);
    }

    @Test
    void hashReads_countAsKeyspaceHitsAndMisses_asGetDoes() {
        RedisCommands<String, String> redis = augur.redis();
        redis.hset("h", "f", "v");
        redis.configResetstat();
        redis.hget("h", "f");
        redis.hgetall("h");
        redis.hget("missing", "f");
        String stats = redis.info("stats");
        assertThat(stats).contains("keyspace_hits:2").contains("keyspace_misses:1");
    }

    @Test
    void hashGrownPastTheValueLimit_getsAnError_andKeepsItsFieldsAndTheConnection() {
        RedisCommands<String, String> redis = augur.redis();
        String big = "x".repeat(1000);
        redis.hset("h", "a", big);
        redis.hset("h", "b", big);
        redis.hset("h", "c", big);
        assertThatThrownBy(() -> redis.hset("h", Map.of("d", big, "e", big)))
                .isInstanceOf(RedisCommandExecutionException.class).hasMessageStartingWith("ERR value too large");
        assertThat(redis.hkeys("h")).containsExactly("a", "b", "c");
        assertThat(redis.ping()).isEqualTo("PONG");
    }
}
