package io.augur.server.command.scripting;

import io.augur.server.testing.AugurServerExtension;
import io.augur.server.testing.RunningServer;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static io.augur.server.testing.RedisAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** EVAL, EVALSHA and SCRIPT over a real socket with Lettuce, with the scripts real clients send. */
class ScriptingCommandsTest {

    /** Redisson's RLock.tryLock script (lock held as a hash in Redisson; a string here: Augur stores strings). */
    static final String LOCK = "if redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end "
            + "return 0";
    /** The check-and-delete unlock every lock recipe uses: only the owner may release. */
    static final String UNLOCK = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) "
            + "else return 0 end";
    /** A fixed-window rate limiter: INCR, EXPIRE on the first hit, refuse past the limit. */
    static final String RATE_LIMIT = "local n = redis.call('incr', KEYS[1]) "
            + "if n == 1 then redis.call('expire', KEYS[1], ARGV[2]) end "
            + "if n > tonumber(ARGV[1]) then return 0 end return 1";

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
        redis.flushall();
        redis.scriptFlush();
        redis.configSet("lua-time-limit", "5000");
    }

    @Test
    void lockScript_grantsOnce_andOnlyTheOwnerUnlocks() {
        Long first = redis.eval(LOCK, ScriptOutputType.INTEGER, new String[]{"lock"}, "owner-a", "30000");
        Long second = redis.eval(LOCK, ScriptOutputType.INTEGER, new String[]{"lock"}, "owner-b", "30000");
        assertThat(first).isEqualTo(1);
        assertThat(second).isZero();
        assertThat(redis.pttl("lock")).isBetween(1L, 30000L);
        Long wrongOwner = redis.eval(UNLOCK, ScriptOutputType.INTEGER, new String[]{"lock"}, "owner-b");
        assertThat(wrongOwner).isZero();
        Long owner = redis.eval(UNLOCK, ScriptOutputType.INTEGER, new String[]{"lock"}, "owner-a");
        assertThat(owner).isEqualTo(1);
        assertThat(redis.exists("lock")).isZero();
    }

    @Test
    void rateLimiter_allowsTheLimit_thenRefuses_andSetsTheWindow() {
        String sha = redis.scriptLoad(RATE_LIMIT);
        for (int i = 0; i < 3; i++) {
            Long allowed = redis.evalsha(sha, ScriptOutputType.INTEGER, new String[]{"rl:user1"}, "3", "60");
            assertThat(allowed).as("request %d", i + 1).isEqualTo(1);
        }
        Long fourth = redis.evalsha(sha, ScriptOutputType.INTEGER, new String[]{"rl:user1"}, "3", "60");
        assertThat(fourth).isZero();
        assertThat(redis.get("rl:user1")).isEqualTo("4");
        assertThat(redis.ttl("rl:user1")).isBetween(1L, 60L);
    }

    @Test
    void registerScriptFlow_evalshaNoscript_thenEval_thenEvalshaWorks() {
        // What redis-py's Script.__call__ does: EVALSHA, on NOSCRIPT load it by EVAL, EVALSHA next time.
        String sha = ScriptCache.sha1("return ARGV[1]".getBytes());
        assertThatThrownBy(() -> redis.evalsha(sha, ScriptOutputType.VALUE, new String[0], "x"))
                .isInstanceOf(RedisNoScriptException.class)
                .hasMessage("NOSCRIPT No matching script. Please use EVAL.");
        assertThat((String) redis.eval("return ARGV[1]", ScriptOutputType.VALUE, new String[0], "x")).isEqualTo("x");
        assertThat(redis.scriptExists(sha, "0000000000000000000000000000000000000000")).containsExactly(true, false);
        assertThat((String) redis.evalsha(sha.toUpperCase(), ScriptOutputType.VALUE, new String[0], "y")).isEqualTo("y");
        redis.scriptFlush();
        assertThat(redis.scriptExists(sha)).containsExactly(false);
    }

    @Test
    void conversions_followRedisRules() {
        List<Object> mixed = redis.eval("return {1, 'two', 3.99, true, false, {5}, nil, 'after nil'}",
                ScriptOutputType.MULTI);
        assertThat(mixed).hasSize(6);
        assertThat(mixed.subList(0, 5)).containsExactly(1L, "two", 3L, 1L, null);
        assertThat(mixed.get(5)).isEqualTo(List.of(5L));
        assertThat((String) redis.eval("return {ok='FINE'}", ScriptOutputType.STATUS)).isEqualTo("FINE");
        assertError(() -> redis.eval("return redis.error_reply('MYERR custom')", ScriptOutputType.STATUS),
                "MYERR custom");
        assertThat((Object) redis.eval("return redis.call('get', 'missing')", ScriptOutputType.VALUE)).isNull();
        assertThat((String) redis.eval("return type(redis.call('get', 'missing'))", ScriptOutputType.VALUE))
                .isEqualTo("boolean");
        assertThat((String) redis.eval("return redis.call('set', 'k', 'v')['ok']", ScriptOutputType.VALUE))
                .isEqualTo("OK");
    }

    @Test
    void errors_haveRedisWording() throws Exception {
        redis.set("s", "x");
        String script = "local n = redis.call('incr', 's')\nreturn n";
        assertError(() -> redis.eval(script, ScriptOutputType.INTEGER),
                "ERR value is not an integer or out of range script: "
                        + ScriptCache.sha1(script.getBytes()) + ", on @user_script:1.");
        assertThat((String) redis.eval("return redis.pcall('incr', 's')['err']", ScriptOutputType.VALUE))
                .isEqualTo("ERR value is not an integer or out of range");
        assertThat((String) redis.eval("return redis.pcall('nosuch')['err']", ScriptOutputType.VALUE))
                .isEqualTo("ERR Unknown Redis command called from script");
        assertThat((String) redis.eval("return redis.pcall('eval', 'return 1', '0')['err']", ScriptOutputType.VALUE))
                .isEqualTo("ERR This Redis command is not allowed from script");
        assertThat(server.redisCli("EVAL", "return 1", "3", "a")).contains("ERR Number of keys can't be greater than number of args");
        assertThat(server.redisCli("EVAL", "return 1", "-1")).contains("ERR Number of keys can't be negative");
    }

    @Test
    void sandbox_hasNoFileSystemOsOrJvm() {
        for (String global : new String[]{"os", "io", "luajava", "require", "dofile", "loadfile", "debug", "package"}) {
            assertThatThrownBy(() -> redis.eval("return " + global, ScriptOutputType.VALUE))
                    .as(global)
                    .hasMessageContaining("Script attempted to access nonexistent global variable '" + global + "'");
        }
        assertThatThrownBy(() -> redis.eval("x = 5", ScriptOutputType.VALUE))
                .hasMessageContaining("Attempt to modify a readonly table");
        assertThatThrownBy(() -> redis.eval("return load(string.dump(function() return 1 end), 'x', 'b')()",
                ScriptOutputType.VALUE)).hasMessageStartingWith("ERR");
    }

    @Test
    void scriptThatWroteThenLoops_isStoppedAtTheThreshold_andTheServerKeepsServing() {
        redis.configSet("busy-reply-threshold", "200");
        assertThatThrownBy(() -> redis.eval("redis.call('set', 'x', '1') while true do end", ScriptOutputType.VALUE))
                .hasMessageContaining("busy-reply-threshold");
        assertThatThrownBy(() -> redis.eval("redis.call('set', 'x', '2') "
                + "while true do pcall(function() while true do end end) end", ScriptOutputType.VALUE))
                .hasMessageContaining("busy-reply-threshold");
        assertThat(redis.get("x")).isEqualTo("2"); // what it wrote before it was stopped stays, as in Redis
        assertThat(redis.ping()).isEqualTo("PONG");
    }

    @Test
    void scriptRunsInTheSelectedDatabase_andSelectInsideEndsWithIt() {
        redis.select(2);
        try {
            redis.eval("redis.call('set', 'k', 'in2') redis.call('select', '3') redis.call('set', 'k', 'in3')",
                    ScriptOutputType.STATUS);
            assertThat(redis.get("k")).isEqualTo("in2");
            redis.select(3);
            assertThat(redis.get("k")).isEqualTo("in3");
        } finally {
            redis.select(0);
        }
    }
}
