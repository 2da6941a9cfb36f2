package io.augur.server.command;

import io.augur.server.testing.AugurServerExtension;
import io.augur.server.testing.RunningServer;
import io.lettuce.core.GetExArgs;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static io.augur.server.testing.RedisAssertions.assertError;

/** The string commands, over a real socket with Lettuce, against Redis's documented behaviour. */
class StringCommandsTest {

    @RegisterExtension
    static final AugurServerExtension augur = new AugurServerExtension();
    static RunningServer server;
    static RedisCommands<String, String> redis;

    @BeforeAll
    static void clients() {
        server = augur.server();
        redis = augur.redis();
    }

    @BeforeEach
    void flush() {
        redis.flushdb();
    }

    @Test
    void get_missingKey_returnsNil() {
        assertThat(redis.get("missing")).isNull();
    }

    @Test
    void set_thenGet_returnsValue() {
        assertThat(redis.set("k", "v")).isEqualTo("OK");
        assertThat(redis.get("k")).isEqualTo("v");
    }

    @Test
    void set_binaryValue_roundTripsEveryByte() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        var binary = server.binary();
        binary.set(new byte[]{0, '\r', '\n'}, all);
        assertThat(binary.get(new byte[]{0, '\r', '\n'})).isEqualTo(all);
    }

    @Test
    void set_nx_onlyWhenAbsent() {
        assertThat(redis.set("k", "1", SetArgs.Builder.nx())).isEqualTo("OK");
        assertThat(redis.set("k", "2", SetArgs.Builder.nx())).isNull();
        assertThat(redis.get("k")).isEqualTo("1");
    }

    @Test
    void set_xx_onlyWhenPresent() {
        assertThat(redis.set("k", "1", SetArgs.Builder.xx())).isNull();
        assertThat(redis.exists("k")).isZero();
        redis.set("k", "1");
        assertThat(redis.set("k", "2", SetArgs.Builder.xx())).isEqualTo("OK");
        assertThat(redis.get("k")).isEqualTo("2");
    }

    @Test
    void set_ex_setsTtlInSeconds() {
        redis.set("k", "v", SetArgs.Builder.ex(100));
        assertThat(redis.ttl("k")).isBetween(99L, 100L);
    }

    @Test
    void set_px_setsTtlInMilliseconds() {
        redis.set("k", "v", SetArgs.Builder.px(100_000));
        assertThat(redis.pttl("k")).isBetween(99_000L, 100_000L);
    }

    @Test
    void set_exatAndPxat_setAbsoluteExpiry() {
        long inAMinute = System.currentTimeMillis() / 1000 + 60;
        redis.set("a", "v", SetArgs.Builder.exAt(inAMinute));
        assertThat(redis.expiretime("a")).isEqualTo(inAMinute);
        redis.set("b", "v", SetArgs.Builder.pxAt(inAMinute * 1000));
        assertThat(redis.pexpiretime("b")).isEqualTo(inAMinute * 1000);
    }

    @Test
    void set_exatInThePast_deletesTheKey() {
        redis.set("k", "v");
        assertThat(redis.set("k", "v2", SetArgs.Builder.exAt(1))).isEqualTo("OK");
        assertThat(redis.exists("k")).isZero();
    }

    @Test
    void set_withoutOptions_clearsTtl_butKeepTtlKeepsIt() {
        redis.set("k", "v", SetArgs.Builder.ex(100));
        redis.set("k", "v2", SetArgs.Builder.keepttl());
        assertThat(redis.ttl("k")).isPositive();
        redis.set("k", "v3");
        assertThat(redis.ttl("k")).isEqualTo(-1);
    }

    @Test
    void set_get_returnsOldValue() {
        assertThat(redis.setGet("k", "1")).isNull();
        assertThat(redis.setGet("k", "2")).isEqualTo("1");
        assertThat(redis.get("k")).isEqualTo("2");
    }

    @Test
    void set_conflictingOptions_isSyntaxError() {
        assertError(() -> redis.dispatch(io.lettuce.core.protocol.CommandType.SET,
                new io.lettuce.core.output.StatusOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
                new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.StringCodec.UTF8)
                        .add("k").add("v").add("NX").add("XX")), "ERR syntax error");
        assertError(() -> redis.set("k", "v", SetArgs.Builder.ex(10).keepttl()), "ERR syntax error");
    }

    @Test
    void set_nonPositiveExpiry_isInvalidExpireTime() {
        assertError(() -> redis.set("k", "v", SetArgs.Builder.ex(0)), "ERR invalid expire time in 'set' command");
        assertError(() -> redis.set("k", "v", SetArgs.Builder.px(-5)), "ERR invalid expire time in 'set' command");
    }

    @Test
    void setnx_setex_psetex_behaveAsRedis() {
        assertThat(redis.setnx("k", "1")).isTrue();
        assertThat(redis.setnx("k", "2")).isFalse();
        assertThat(redis.setex("e", 50, "v")).isEqualTo("OK");
        assertThat(redis.ttl("e")).isBetween(49L, 50L);
        assertThat(redis.psetex("p", 50_000, "v")).isEqualTo("OK");
        assertThat(redis.pttl("p")).isBetween(49_000L, 50_000L);
        assertError(() -> redis.setex("e", 0, "v"), "ERR invalid expire time in 'setex' command");
    }

    @Test
    void getset_getdel_getex() {
        assertThat(redis.getset("k", "1")).isNull();
        assertThat(redis.getset("k", "2")).isEqualTo("1");
        assertThat(redis.getdel("k")).isEqualTo("2");
        assertThat(redis.exists("k")).isZero();
        redis.set("k", "v");
        assertThat(redis.getex("k", GetExArgs.Builder.ex(100))).isEqualTo("v");
        assertThat(redis.ttl("k")).isBetween(99L, 100L);
        assertThat(redis.getex("k", GetExArgs.Builder.persist())).isEqualTo("v");
        assertThat(redis.ttl("k")).isEqualTo(-1);
        assertThat(redis.getex("missing", GetExArgs.Builder.ex(5))).isNull();
    }

    @Test
    void mget_mset_msetnx() {
        assertThat(redis.mset(Map.of("a", "1", "b", "2"))).isEqualTo("OK");
        assertThat(redis.mget("a", "b", "c")).containsExactly(KeyValue.just("a", "1"), KeyValue.just("b", "2"),
                KeyValue.empty("c"));
        assertThat(redis.msetnx(Map.of("c", "3", "a", "x"))).isFalse();
        assertThat(redis.exists("c")).isZero();
        assertThat(redis.msetnx(Map.of("c", "3", "d", "4"))).isTrue();
        assertThat(redis.get("d")).isEqualTo("4");
    }

    @Test
    void append_strlen_getrange_setrange() {
        assertThat(redis.append("k", "Hello")).isEqualTo(5);
        assertThat(redis.append("k", " World")).isEqualTo(11);
        assertThat(redis.strlen("k")).isEqualTo(11);
        assertThat(redis.strlen("missing")).isZero();
        assertThat(redis.getrange("k", 0, 4)).isEqualTo("Hello");
        assertThat(redis.getrange("k", -5, -1)).isEqualTo("World");
        assertThat(redis.getrange("k", 5, 3)).isEmpty();
        assertThat(redis.getrange("k", 0, 100)).isEqualTo("Hello World");
        assertThat(redis.setrange("k", 6, "Redis")).isEqualTo(11);
        assertThat(redis.get("k")).isEqualTo("Hello Redis");
        assertThat(redis.setrange("pad", 3, "x")).isEqualTo(4);
        assertThat(redis.get("pad")).isEqualTo("\0\0\0x");
        assertError(() -> redis.setrange("k", -1, "x"), "ERR offset is out of range");
    }

    @Test
    void incr_decr_incrby_decrby() {
        assertThat(redis.incr("n")).isEqualTo(1);
        assertThat(redis.incrby("n", 10)).isEqualTo(11);
        assertThat(redis.decr("n")).isEqualTo(10);
        assertThat(redis.decrby("n", 20)).isEqualTo(-10);
        assertThat(redis.get("n")).isEqualTo("-10");
    }

    @Test
    void incr_keepsTtl() {
        redis.set("n", "1", SetArgs.Builder.ex(100));
        redis.incr("n");
        assertThat(redis.ttl("n")).isPositive();
    }

    @Test
    void incr_onNonInteger_isNotAnIntegerError() {
        redis.set("s", "abc");
        assertError(() -> redis.incr("s"), "ERR value is not an integer or out of range");
        redis.set("s", " 1");
        assertError(() -> redis.incr("s"), "ERR value is not an integer or out of range");
        redis.set("s", "01");
        assertError(() -> redis.incr("s"), "ERR value is not an integer or out of range");
    }

    @Test
    void incr_pastLongMax_isOverflowError() {
        redis.set("n", Long.toString(Long.MAX_VALUE));
        assertError(() -> redis.incr("n"), "ERR increment or decrement would overflow");
        assertThat(redis.get("n")).isEqualTo(Long.toString(Long.MAX_VALUE));
    }

    @Test
    void incrbyfloat_formatsAsRedis() {
        redis.set("f", "10.50");
        assertThat(redis.incrbyfloat("f", 0.1)).isEqualTo(10.6);
        assertThat(redis.get("f")).isEqualTo("10.6");
        redis.set("g", "5.0e3");
        assertThat(redis.incrbyfloat("g", 200)).isEqualTo(5200);
        assertThat(redis.get("g")).isEqualTo("5200");
        redis.set("s", "abc");
        assertError(() -> redis.incrbyfloat("s", 1), "ERR value is not a valid float");
    }

    @Test
    void get_wrongArity_isRedisArityError() {
        assertError(() -> redis.dispatch(io.lettuce.core.protocol.CommandType.GET,
                new io.lettuce.core.output.StatusOutput<>(io.lettuce.core.codec.StringCodec.UTF8)),
                "ERR wrong number of arguments for 'get' command");
    }

}
