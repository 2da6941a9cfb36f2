package io.augur.server.command.pubsub;

import io.augur.server.testing.AugurServerExtension;
import io.augur.server.testing.Await;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyspace notifications as Lettuce (and Spring Session on top of it) receive them: expiry by
 * the server's own clock, eviction under maxmemory, deletes heard on a pattern subscription.
 */
class KeyspaceNotificationsTest {

    @RegisterExtension
    static final AugurServerExtension augur = new AugurServerExtension("store-entries", "100000", "hz", "50");

    private final RedisCommands<String, String> redis = augur.redis();

    @AfterEach
    void restore() {
        redis.configSet("notify-keyspace-events", "");
        redis.configSet("maxmemory", "0");
        redis.flushall();
    }

    /** Collects "channel=message" of what a Lettuce pub/sub connection hears. */
    private static final class Heard extends RedisPubSubAdapter<String, String> {
        final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public void message(String channel, String message) {
            messages.add(channel + "=" + message);
        }

        @Override
        public void message(String pattern, String channel, String message) {
            messages.add(channel + "=" + message);
        }
    }

    @Test
    void expiredEvent_subscriberSeesKeyWithPxExpire_whenTheServerExpiresIt() {
        redis.configSet("notify-keyspace-events", "Ex");
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + augur.server().port());
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub()) {
            Heard heard = new Heard();
            sub.addListener(heard);
            sub.sync().subscribe("__keyevent@0__:expired");
            redis.set("session:1", "v", SetArgs.Builder.px(30));
            redis.set("session:2", "v"); // no expiry: never heard
            Await.until("the expired event", () -> heard.messages, m -> !m.isEmpty());
            assertThat(heard.messages).containsExactly("__keyevent@0__:expired=session:1");
            assertThat(redis.exists("session:1")).isZero();
        } finally {
            client.shutdown();
        }
    }

    @Test
    void springSessionPatterns_hearDeletesAndExpiriesInAnyDatabase() {
        redis.configSet("notify-keyspace-events", "KEgx");
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + augur.server().port());
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub()) {
            Heard heard = new Heard();
            sub.addListener(heard);
            // What Spring Session's RedisIndexedSessionRepository subscribes to.
            sub.sync().psubscribe("__keyevent@*:del", "__keyevent@*:expired");
            redis.hset("spring:session:sessions:a", "creationTime", "1");
            redis.del("spring:session:sessions:a");
            redis.select(3);
            redis.set("spring:session:sessions:expires:b", "", SetArgs.Builder.px(20));
            redis.select(0);
            Await.until("both events", () -> heard.messages, m -> m.size() >= 2);
            assertThat(heard.messages).containsExactly("__keyevent@0__:del=spring:session:sessions:a",
                    "__keyevent@3__:expired=spring:session:sessions:expires:b");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void evictedEvent_namesEachKeyTheMaxmemoryPolicyRemoved() {
        redis.configSet("notify-keyspace-events", "Ee");
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + augur.server().port());
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub()) {
            Heard heard = new Heard();
            sub.addListener(heard);
            sub.sync().subscribe("__keyevent@0__:evicted");
            redis.configSet("maxmemory-policy", "allkeys-lru");
            redis.configSet("maxmemory", "200kb");
            String value = "x".repeat(1000);
            for (int i = 0; i < 1000; i++) {
                redis.set("k" + i, value);
            }
            long evicted = Long.parseLong(redis.info("stats").lines()
                    .filter(l -> l.startsWith("evicted_keys:")).findFirst().orElseThrow().substring(13).trim());
            assertThat(evicted).isPositive();
            Await.until("one event per evicted key", () -> heard.messages.size(), n -> n == evicted);
            for (String message : heard.messages) {
                String key = message.substring("__keyevent@0__:evicted=".length());
                assertThat(redis.exists(key)).as("evicted %s", key).isZero();
            }
        } finally {
            redis.configSet("maxmemory-policy", "noeviction");
            client.shutdown();
        }
    }

    @Test
    void offByDefault_writesPublishNothing() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + augur.server().port());
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub()) {
            Heard heard = new Heard();
            sub.addListener(heard);
            sub.sync().psubscribe("__key*__:*", "marker");
            assertThat(redis.configGet("notify-keyspace-events")).containsEntry("notify-keyspace-events", "");
            redis.set("a", "1");
            redis.del("a");
            redis.publish("marker", "end");
            Await.until("the marker", () -> heard.messages, m -> !m.isEmpty());
            assertThat(heard.messages).containsExactly("marker=end");
        } finally {
            client.shutdown();
        }
    }
}
