package io.augur.server.command;

import io.augur.server.testing.AugurServerExtension;
import io.augur.server.testing.RunningServer;
import io.lettuce.core.ExpireArgs;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashSet;
import java.util.Set;

import static io.augur.server.testing.RedisAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** The generic key commands over a real socket with Lettuce. */
class KeyCommandsTest {

    @RegisterExtension
    static final AugurServerExtension augur = new AugurServerExtension("store-entries", "100000");
    static RunningServer server;
    static RedisCommands<String, String> redis;

    @BeforeAll
    static void clients() {
        server = augur.server();
        redis = augur.redis();
    }

    @BeforeEach
    void flush() {
        redis.flushall();
    }

    @Test
    void del_unlink_exists_countKeys() {
        redis.mset(java.util.Map.of("a", "1", "b", "2", "c", "3"));
        assertThat(redis.exists("a", "b", "x", "a")).isEqualTo(3);
        assertThat(redis.del("a", "x")).isEqualTo(1);
        assertThat(redis.unlink("b", "c")).isEqualTo(2);
        assertThat(redis.dbsize()).isZero();
    }

    @Test
    void type_reportsStringOrNone() {
        redis.set("s", "v");
        assertThat(redis.type("s")).isEqualTo("string");
        assertThat(redis.type("missing")).isEqualTo("none");
    }

    @Test
    void keys_matchesGlobPatterns() {
        for (String k : new String[]{"hello", "hallo", "hxllo", "hllo", "heeeello", "world"}) {
            redis.set(k, "1");
        }
        assertThat(redis.keys("h?llo")).containsExactlyInAnyOrder("hello", "hallo", "hxllo");
        assertThat(redis.keys("h*llo")).containsExactlyInAnyOrder("hello", "hallo", "hxllo", "hllo", "heeeello");
        assertThat(redis.keys("h[ae]llo")).containsExactlyInAnyOrder("hello", "hallo");
        assertThat(redis.keys("h[^e]llo")).containsExactlyInAnyOrder("hallo", "hxllo");
        assertThat(redis.keys("h[a-b]llo")).containsExactly("hallo");
        assertThat(redis.keys("*")).hasSize(6);
    }

    @Test
    void scan_visitsEveryKeyOnce_withMatchAndCount() {
        Set<String> expected = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            redis.set("key:" + i, "v");
            expected.add("key:" + i);
        }
        redis.set("other", "v");
        Set<String> seen = new HashSet<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        int calls = 0;
        do {
            KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches("key:*").limit(50));
            seen.addAll(page.getKeys());
            cursor = page;
            calls++;
        } while (!cursor.isFinished() && calls < 10_000);
        assertThat(seen).isEqualTo(expected);
        assertThat(calls).isGreaterThan(1);
    }

    @Test
    void scan_typeFilter_onlyStringsExist() {
        redis.set("a", "1");
        KeyScanCursor<String> strings = redis.scan(ScanArgs.Builder.limit(1000).match("*"));
        assertThat(strings.getKeys()).contains("a");
        assertThat(redis.scan(ScanCursor.INITIAL, new ScanArgs().limit(1000))
                .getKeys()).contains("a");
    }

    @Test
    void scan_invalidCursor_isError() {
        assertError(() -> redis.scan(ScanCursor.of("abc")), "ERR invalid cursor");
    }

    @Test
    void rename_movesValueAndTtl() {
        redis.setex("a", 100, "v");
        assertThat(redis.rename("a", "b")).isEqualTo("OK");
        assertThat(redis.get("b")).isEqualTo("v");
        assertThat(redis.ttl("b")).isPositive();
        assertThat(redis.exists("a")).isZero();
        assertError(() -> redis.rename("missing", "x"), "ERR no such key");
    }

    @Test
    void renamenx_refusesExistingTarget() {
        redis.set("a", "1");
        redis.set("b", "2");
        assertThat(redis.renamenx("a", "b")).isFalse();
        assertThat(redis.renamenx("a", "c")).isTrue();
        assertThat(redis.get("c")).isEqualTo("1");
    }

    @Test
    void expire_ttl_persist() {
        redis.set("k", "v");
        assertThat(redis.ttl("k")).isEqualTo(-1);
        assertThat(redis.ttl("missing")).isEqualTo(-2);
        assertThat(redis.expire("k", 100)).isTrue();
        assertThat(redis.ttl("k")).isBetween(99L, 100L);
        assertThat(redis.pexpire("k", 50_000)).isTrue();
        assertThat(redis.pttl("k")).isBetween(49_000L, 50_000L);
        assertThat(redis.persist("k")).isTrue();
        assertThat(redis.persist("k")).isFalse();
        assertThat(redis.ttl("k")).isEqualTo(-1);
        assertThat(redis.expire("missing", 10)).isFalse();
    }

    @Test
    void expire_nxXxGtLt_followRedisRules() {
        redis.set("k", "v");
        assertThat(redis.expire("k", 100, ExpireArgs.Builder.xx())).isFalse();
        assertThat(redis.expire("k", 100, ExpireArgs.Builder.nx())).isTrue();
        assertThat(redis.expire("k", 200, ExpireArgs.Builder.nx())).isFalse();
        assertThat(redis.expire("k", 50, ExpireArgs.Builder.gt())).isFalse();
        assertThat(redis.expire("k", 200, ExpireArgs.Builder.gt())).isTrue();
        assertThat(redis.expire("k", 300, ExpireArgs.Builder.lt())).isFalse();
        assertThat(redis.expire("k", 10, ExpireArgs.Builder.lt())).isTrue();
        assertThat(redis.ttl("k")).isBetween(9L, 10L);
    }

    @Test
    void expireat_pexpireat_expiretime() {
        redis.set("k", "v");
        long at = System.currentTimeMillis() / 1000 + 1000;
        assertThat(redis.expireat("k", at)).isTrue();
        assertThat(redis.expiretime("k")).isEqualTo(at);
        assertThat(redis.pexpireat("k", at * 1000 + 5)).isTrue();
        assertThat(redis.pexpiretime("k")).isEqualTo(at * 1000 + 5);
        assertThat(redis.expiretime("missing")).isEqualTo(-2);
    }

    @Test
    void expire_inThePast_deletesKey() {
        redis.set("k", "v");
        assertThat(redis.expire("k", -1)).isTrue();
        assertThat(redis.exists("k")).isZero();
    }

    @Test
    void expiredKey_isNeverReturned() throws Exception {
        redis.set("k", "v", io.lettuce.core.SetArgs.Builder.px(50));
        Thread.sleep(120);
        assertThat(redis.get("k")).isNull();
        assertThat(redis.exists("k")).isZero();
        assertThat(redis.keys("*")).doesNotContain("k");
    }

    @Test
    void expiredKeys_areReclaimedInTheBackground() throws Exception {
        for (int i = 0; i < 100; i++) {
            redis.set("t" + i, "v", io.lettuce.core.SetArgs.Builder.px(30));
        }
        long deadline = System.currentTimeMillis() + 5_000;
        while (redis.dbsize() > 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(redis.dbsize()).isZero();
        assertThat(redis.info("stats")).contains("expired_keys:");
    }

    @Test
    void touch_randomkey() {
        assertThat(redis.randomkey()).isNull();
        redis.set("only", "v");
        assertThat(redis.randomkey()).isEqualTo("only");
        assertThat(redis.touch("only", "missing")).isEqualTo(1);
    }
}
