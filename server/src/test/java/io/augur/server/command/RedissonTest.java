package io.augur.server.command;

import io.augur.server.testing.AugurServerExtension;
import io.augur.server.testing.Await;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.redisson.Redisson;
import org.redisson.api.RLock;
import org.redisson.api.RMapCache;
import org.redisson.api.RRateLimiter;
import org.redisson.api.RateType;
import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Redisson (Maven Central) over the wire: an RLock held by one client blocks another until it is
 * released (Lua scripts, the unlock pub/sub message), lease expiry, an RMapCache and an RRateLimiter
 * (scripts using Lua's struct library), and an RTopic publish/subscribe.
 */
class RedissonTest {

    @RegisterExtension
    static final AugurServerExtension augur = new AugurServerExtension();

    private static RedissonClient first;
    private static RedissonClient second;

    @BeforeAll
    static void connect() {
        first = client();
        second = client();
    }

    @AfterAll
    static void disconnect() {
        if (first != null) {
            first.shutdown();
        }
        if (second != null) {
            second.shutdown();
        }
    }

    private static RedissonClient client() {
        Config config = new Config();
        config.useSingleServer().setAddress("redis://127.0.0.1:" + augur.server().port())
                .setConnectionMinimumIdleSize(1).setConnectionPoolSize(4)
                .setSubscriptionConnectionMinimumIdleSize(1).setSubscriptionConnectionPoolSize(2);
        return Redisson.create(config);
    }

    @Test
    void rlock_heldByOneClient_blocksTheOtherUntilUnlocked() throws Exception {
        RLock mine = first.getLock("order:42");
        RLock theirs = second.getLock("order:42");
        mine.lock();
        assertThat(mine.isHeldByCurrentThread()).isTrue();
        assertThat(theirs.isLocked()).isTrue();
        assertThat(theirs.tryLock()).as("a held lock refuses another client").isFalse();

        // The other client waits; the unlock (a script that publishes on the lock's channel) wakes it.
        CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
            try {
                boolean got = theirs.tryLock(30, 10, TimeUnit.SECONDS);
                if (got) {
                    theirs.unlock();
                }
                return got;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        });
        assertThat(mine.isHeldByCurrentThread()).isTrue();
        mine.unlock();
        assertThat(waiting.get(60, TimeUnit.SECONDS)).as("the waiting client got the lock").isTrue();
        assertThat(mine.isLocked()).isFalse();
    }

    @Test
    void rlock_reentrantAndLeased() throws Exception {
        RLock lock = first.getLock("report");
        lock.lock();
        lock.lock(); // re-entrant: a hash field counts the holds
        assertThat(lock.getHoldCount()).isEqualTo(2);
        lock.unlock();
        assertThat(lock.isLocked()).isTrue();
        lock.unlock();
        assertThat(lock.isLocked()).isFalse();

        RLock leased = first.getLock("leased");
        assertThat(leased.tryLock(0, 300, TimeUnit.MILLISECONDS)).isTrue();
        assertThat(leased.remainTimeToLive()).isBetween(1L, 300L);
        RLock other = second.getLock("leased");
        Await.until("the lease to run out", () -> other.isLocked(), locked -> !locked);
        assertThat(other.tryLock()).as("an expired lease frees the lock").isTrue();
        other.unlock();
    }

    @Test
    void mapCacheAndRateLimiter_packTheirEntriesWithLuaStruct() throws Exception {
        // Both run Lua scripts that struct.pack / struct.unpack their values (Redis bundles struct).
        RMapCache<String, String> sessions = first.getMapCache("sessions");
        sessions.put("a", "alice", 10, TimeUnit.MINUTES);
        sessions.put("b", "bob", 200, TimeUnit.MILLISECONDS);
        assertThat(second.<String, String>getMapCache("sessions").get("a")).isEqualTo("alice");
        Await.until("the short entry to expire", () -> sessions.get("b"), v -> v == null);
        assertThat(sessions.get("a")).isEqualTo("alice");

        RRateLimiter limiter = first.getRateLimiter("api");
        assertThat(limiter.trySetRate(RateType.OVERALL, 3, Duration.ofMinutes(10))).isTrue();
        RRateLimiter other = second.getRateLimiter("api");
        assertThat(List.of(limiter.tryAcquire(), other.tryAcquire(), limiter.tryAcquire(), other.tryAcquire()))
                .containsExactly(true, true, true, false);
    }

    @Test
    void rtopic_publishedMessagesReachListeners() throws Exception {
        RTopic incoming = second.getTopic("orders");
        List<String> received = new CopyOnWriteArrayList<>();
        int listener = incoming.addListener(String.class, (channel, message) -> received.add(channel + "=" + message));
        try {
            RTopic outgoing = first.getTopic("orders");
            assertThat(outgoing.publish("created:1")).isEqualTo(1);
            assertThat(outgoing.publish("paid:1")).isEqualTo(1);
            Await.until("both messages", () -> received.size(), n -> n == 2);
            assertThat(received).containsExactly("orders=created:1", "orders=paid:1");
            assertThat(outgoing.countSubscribers()).isEqualTo(1);
        } finally {
            incoming.removeListener(listener);
        }
    }
}
