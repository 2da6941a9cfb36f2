package io.augur.server.command;

import io.augur.server.testing.AugurServerExtension;
import io.augur.server.testing.RawClient;
import io.augur.server.testing.RunningServer;
import io.lettuce.core.CopyArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static io.augur.server.testing.RedisAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** SELECT, MOVE, COPY ... DB, SWAPDB, FLUSHDB/FLUSHALL, DBSIZE, INFO keyspace and CLIENT LIST db= over Lettuce. */
class DatabaseCommandsTest {

    @RegisterExtension
    static final AugurServerExtension augur = new AugurServerExtension("databases", "8");
    static RunningServer server;
    static RedisCommands<String, String> redis;
    StatefulRedisConnection<String, String> other;

    @BeforeAll
    static void clients() {
        server = augur.server();
        redis = augur.redis();
    }

    @BeforeEach
    void flush() {
        redis.select(0);
        redis.flushall();
        other = server.connect();
    }

    @AfterEach
    void closeOther() {
        other.close();
    }

    @Test
    void select_outOfRangeOrNotANumber_errors() throws Exception {
        assertError(() -> redis.select(8), "ERR DB index is out of range");
        assertError(() -> redis.select(-1), "ERR DB index is out of range");
        assertThat(server.redisCli("SELECT", "x")).contains("ERR value is not an integer or out of range");
        assertThat(redis.select(7)).isEqualTo("OK");
    }

    @Test
    void select_isolatesKeysAndDbsize() {
        redis.set("k", "zero");
        RedisCommands<String, String> seven = other.sync();
        seven.select(7);
        assertThat(seven.get("k")).isNull();
        seven.set("k", "seven");
        seven.set("j", "x");
        assertThat(redis.get("k")).isEqualTo("zero");
        assertThat(redis.dbsize()).isEqualTo(1);
        assertThat(seven.dbsize()).isEqualTo(2);
        assertThat(seven.keys("*")).containsExactlyInAnyOrder("k", "j");
        assertThat(seven.randomkey()).isIn("k", "j");
    }

    @Test
    void flushdb_clearsOnlyTheSelected_flushallClearsAll() {
        redis.set("k", "v");
        RedisCommands<String, String> three = other.sync();
        three.select(3);
        three.set("k", "v");
        three.flushdb();
        assertThat(three.dbsize()).isZero();
        assertThat(redis.dbsize()).isEqualTo(1);
        three.set("k", "v");
        three.flushall();
        assertThat(redis.dbsize()).isZero();
        assertThat(three.dbsize()).isZero();
    }

    @Test
    void move_movesOnlyWhenTargetIsFree() {
        redis.set("k", "v");
        redis.expire("k", 100);
        assertThat(redis.move("k", 2)).isTrue();
        assertThat(redis.exists("k")).isZero();
        RedisCommands<String, String> two = other.sync();
        two.select(2);
        assertThat(two.get("k")).isEqualTo("v");
        assertThat(two.ttl("k")).isBetween(1L, 100L);
        redis.set("k", "again");
        assertThat(redis.move("k", 2)).isFalse();
        assertThat(redis.move("missing", 2)).isFalse();
        assertError(() -> redis.move("k", 0), "ERR source and destination objects are the same");
        assertError(() -> redis.move("k", 99), "ERR DB index is out of range");
    }

    @Test
    void copy_toAnotherDatabase_withAndWithoutReplace() {
        redis.set("src", "v1");
        assertThat(redis.copy("src", "dst", CopyArgs.Builder.destinationDb(4))).isTrue();
        RedisCommands<String, String> four = other.sync();
        four.select(4);
        assertThat(four.get("dst")).isEqualTo("v1");
        redis.set("src", "v2");
        assertThat(redis.copy("src", "dst", CopyArgs.Builder.destinationDb(4))).isFalse();
        assertThat(redis.copy("src", "dst", CopyArgs.Builder.destinationDb(4).replace(true))).isTrue();
        assertThat(four.get("dst")).isEqualTo("v2");
        assertThat(redis.copy("src", "src", CopyArgs.Builder.destinationDb(4))).isTrue();
        assertError(() -> redis.copy("src", "src"), "ERR source and destination objects are the same");
    }

    @Test
    void swapdb_swapsWhatOtherConnectionsSee_andSurvivesRestart() throws Exception {
        redis.set("k", "zero");
        RedisCommands<String, String> one = other.sync();
        one.select(1);
        one.set("k", "one");
        assertThat(redis.swapdb(0, 1)).isEqualTo("OK");
        assertThat(redis.get("k")).isEqualTo("one");
        assertThat(one.get("k")).isEqualTo("zero");
        assertError(() -> redis.swapdb(0, 8), "ERR DB index is out of range");
        assertThat(server.redisCli("SWAPDB", "x", "1")).contains("ERR invalid first DB index");
        assertThat(server.redisCli("SWAPDB", "1", "x")).contains("ERR invalid second DB index");
        other.close();
        server.restart();
        redis = server.lettuce();
        other = server.connect();
        assertThat(redis.get("k")).isEqualTo("one");
        redis.select(1);
        assertThat(redis.get("k")).isEqualTo("zero");
    }

    @Test
    void infoKeyspace_listsEachNonEmptyDatabase() {
        redis.set("a", "1");
        redis.setex("b", 100, "2");
        RedisCommands<String, String> five = other.sync();
        five.select(5);
        five.set("c", "3");
        String keyspace = redis.info("keyspace");
        assertThat(keyspace).contains("db0:keys=2,expires=1,avg_ttl=0");
        assertThat(keyspace).contains("db5:keys=1,expires=0,avg_ttl=0");
        assertThat(keyspace).doesNotContain("db1:");
    }

    @Test
    void clientList_showsTheSelectedDatabase_resetGoesBackToZero() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            assertThat(raw.send("SELECT 6\r\n").readLine()).isEqualTo("+OK\r\n");
            assertThat(redis.clientList()).contains(" db=6 ");
            assertThat(raw.send("RESET\r\n").readLine()).isEqualTo("+RESET\r\n");
            raw.send("CLIENT INFO\r\n").readLine();
            assertThat(raw.readLine()).contains(" db=0 ");
        }
    }
}
