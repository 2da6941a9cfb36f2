package io.augur.server.prefetch;

import io.augur.server.testing.Await;
import io.augur.server.testing.RedisServerProcess;
import io.augur.server.testing.RunningServer;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Adaptive TTLs and refresh-ahead on a real server over a socket, with the sim origin's values
 * changing on the same stepped clock the server expires keys on.
 */
class FreshnessTest {

    @TempDir
    Path dir;

    private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);
    private RunningServer server;
    private RedisCommands<String, String> client;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private void start(String origin, String... extra) throws Exception {
        String[] base = {"origin", origin, "read-through", "yes", "read-through-ttl", "2", "prefetch-enabled", "no",
                "origin-adaptive-ttl", "yes", "origin-stale-budget", "0.1", "origin-ttl-min", "10",
                "origin-ttl-max", "3600000"};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        server = RunningServer.startOnClock(dir, clock::get, all);
        client = server.lettuce();
    }

    private long info(String field) {
        for (String line : client.info("all").split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return Math.round(Double.parseDouble(line.substring(field.length() + 1)));
            }
        }
        throw new AssertionError("no INFO field " + field);
    }

    @Test
    void keyChangingEverySecond_getsAShorterTtlThanOneThatNeverChanges() throws Exception {
        start("sim://?size=40&change=price:*=1s,country:*=never");
        long longestPrice = 0;
        long longestCountry = 0;
        for (int round = 0; round < 30; round++) {
            client.get("price:1");
            client.get("country:1");
            if (round >= 20) {
                longestPrice = Math.max(longestPrice, client.pttl("price:1"));
                longestCountry = Math.max(longestCountry, client.pttl("country:1"));
            }
            clock.addAndGet(2500);
        }
        assertThat(info("origin_values_changed")).isPositive();
        assertThat(info("origin_values_unchanged")).isPositive();
        // 10% budget at one change a second: about 100 ms; never seen to change: growing with the watch.
        assertThat(longestPrice).isPositive().isLessThan(1000);
        assertThat(longestCountry).isGreaterThan(10 * longestPrice);
    }

    @Test
    void hotKeyUnderRefreshAhead_neverMissesAfterWarmUp() throws Exception {
        start("sim://?size=40&change=price:*=1s", "origin-refresh-ahead", "yes", "origin-ttl-min", "500");
        assertThat(client.get("price:1")).isNotNull(); // the warm-up miss
        long missesAfterWarmUp = info("keyspace_misses");
        for (int step = 0; step < 100; step++) {
            clock.addAndGet(50);
            assertThat(client.get("price:1")).as("step %d", step).isNotNull();
            // Inside the last lead of its life the key waits for its refresh before time moves on.
            Await.until("the refresh of price:1 to land", () -> client.pttl("price:1"),
                    ttl -> ttl > RefreshAhead.MIN_LEAD_MILLIS - 50);
        }
        assertThat(info("keyspace_misses")).isEqualTo(missesAfterWarmUp);
        assertThat(info("refresh_issued")).isGreaterThanOrEqualTo(5);
        assertThat(info("refresh_used")).isGreaterThanOrEqualTo(info("refresh_issued") - 1);
        assertThat(info("refresh_wasted")).isZero();
    }

    @Test
    void clientSetEx_winsOverAdaptiveTtlAndRefresh() throws Exception {
        start("sim://?size=40&change=price:*=1s", "origin-refresh-ahead", "yes", "origin-ttl-min", "500");
        client.get("price:1");
        client.get("price:1");
        client.setex("price:1", 100, "mine");
        for (int step = 0; step < 40; step++) { // 2 s: past the loaded value's 2 s life, so its refresh fell due
            clock.addAndGet(50);
            Await.until("due refreshes to settle", () -> info("refresh_inflight"), n -> n == 0);
        }
        Await.until("the refresh to find the client's value", () -> info("refresh_client_won"), n -> n >= 1);
        assertThat(client.get("price:1")).isEqualTo("mine");
        assertThat(client.pttl("price:1")).as("the client's 100 s, 2 s later").isEqualTo(98_000L);
    }

    @Test
    void refresh_staysWithinTheRateBudget() throws Exception {
        start("sim://?size=40&change=price:*=1s", "origin-refresh-ahead", "yes", "origin-ttl-min", "1000",
                "origin-ttl-max", "1000", "prefetch-max-rate", "1");
        for (int i = 0; i < 5; i++) {
            client.get("price:" + i); // loaded together: their refreshes fall due together
            client.get("price:" + i);
        }
        clock.addAndGet(900); // inside every key's lead, before any expiry
        Await.until("all five refreshes decided", () -> info("refresh_issued") + info("refresh_skipped_budget"),
                n -> n == 5);
        // One token a second, and the clock stands still: one refresh goes, four wait for budget.
        assertThat(info("refresh_issued")).isEqualTo(1);
        assertThat(info("refresh_skipped_budget")).isEqualTo(4);
    }

    @Test
    void refreshAndReadThroughOfOneKey_makeOneOriginCall() throws Exception {
        start("sim://?size=40&latency=300ms&change=price:*=1s", "origin-refresh-ahead", "yes", "origin-ttl-min",
                "1000", "origin-ttl-max", "1000");
        client.get("price:1");
        client.get("price:1");
        long requests = info("origin_requests");
        clock.addAndGet(900);
        Await.until("the refresh to be in flight", () -> info("refresh_inflight"), n -> n == 1);
        clock.addAndGet(200); // expired while its refresh is out: the client's miss joins the refresh's call
        assertThat(client.get("price:1")).isNotNull();
        assertThat(info("origin_requests") - requests).isEqualTo(2);
        assertThat(info("origin_coalesced")).isEqualTo(1);
    }

    @Test
    void hungOrigin_neverStallsReadsOfCachedKeys() throws Exception {
        Assumptions.assumeTrue(RedisServerProcess.installed(), "redis-server is not installed");
        java.nio.file.Files.createDirectories(dir.resolve("origin"));
        try (RedisServerProcess origin = RedisServerProcess.start(dir.resolve("origin"))) {
            start("redis://127.0.0.1:" + origin.port(), "origin-refresh-ahead", "yes", "origin-ttl-min", "1000",
                    "origin-ttl-max", "1000", "origin-timeout", "60000");
            try (var originClient = io.lettuce.core.RedisClient.create("redis://127.0.0.1:" + origin.port())) {
                originClient.connect().sync().set("user:1", "alice");
            }
            assertThat(client.get("user:1")).isEqualTo("alice");
            assertThat(client.get("user:1")).isEqualTo("alice");
            origin.freeze();
            try {
                clock.addAndGet(900);
                Await.until("the refresh to hang at the origin", () -> info("refresh_inflight"), n -> n == 1);
                for (int i = 0; i < 20; i++) {
                    assertThat(client.get("user:1")).isEqualTo("alice");
                }
            } finally {
                origin.thaw();
            }
        }
    }
}
