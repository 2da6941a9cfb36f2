package io.augur.server.command.transaction;

import io.augur.server.testing.AugurServerExtension;
import io.augur.server.testing.Await;
import io.augur.server.testing.RawClient;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Transaction;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** MULTI/EXEC/DISCARD/WATCH over a real socket, with Lettuce, Jedis and raw RESP. */
class TransactionCommandsTest {

    /** Read-through on a simulated origin, so fills and GET misses inside EXEC are real; no prefetch. */
    @RegisterExtension
    static final AugurServerExtension augur = new AugurServerExtension("store-entries", "100000",
            "origin", "sim://?latency=1ms", "read-through", "yes", "predictor", "none");

    private final RedisCommands<String, String> redis = augur.redis();

    @BeforeEach
    void flush() {
        redis.flushall();
    }

    private RawClient raw() throws Exception {
        return new RawClient(augur.server().port());
    }

    @Test
    void exec_aFailedQueuedCommand_countsAsFailedAloneInCommandstats() throws Exception {
        redis.configResetstat();
        try (RawClient c = raw()) {
            c.send("SET text abc\r\nMULTI\r\nINCR text\r\nSET after yes\r\nEXEC\r\n");
            String expected = "+OK\r\n+OK\r\n+QUEUED\r\n+QUEUED\r\n*2\r\n"
                    + "-ERR value is not an integer or out of range\r\n+OK\r\n";
            assertThat(c.read(expected.length())).isEqualTo(expected);
        }
        String stats = redis.info("commandstats");
        assertThat(stats).contains("cmdstat_incr:calls=1,").contains("cmdstat_set:calls=2,");
        assertThat(stats.lines().filter(l -> l.startsWith("cmdstat_set:"))).singleElement()
                .satisfies(l -> assertThat(l).contains("failed_calls=0"));
        assertThat(redis.info("errorstats")).contains("errorstat_ERR:count=1");
    }

    @Test
    void exec_lettuceTransaction_runsQueuedCommandsInOrder() {
        try (var connection = augur.server().connect()) {
            RedisCommands<String, String> tx = connection.sync();
            assertThat(tx.multi()).isEqualTo("OK");
            assertThat(tx.set("k", "1")).isNull(); // queued: Lettuce answers when EXEC does
            tx.incr("k");
            tx.get("k");
            TransactionResult result = tx.exec();
            assertThat(result.wasDiscarded()).isFalse();
            assertThat(result.<Object>get(0)).isEqualTo("OK");
            assertThat(result.<Object>get(1)).isEqualTo(2L);
            assertThat(result.<Object>get(2)).isEqualTo("2");
        }
    }

    @Test
    void exec_pipelinedLikeRedisPy_repliesQueuedThenArray() throws Exception {
        // redis-py pipeline(transaction=True) sends MULTI, the commands and EXEC in one write.
        try (RawClient c = raw()) {
            c.send("*1\r\n$5\r\nMULTI\r\n*3\r\n$3\r\nSET\r\n$1\r\na\r\n$1\r\n1\r\n"
                    + "*3\r\n$3\r\nSET\r\n$1\r\nb\r\n$1\r\n2\r\n*1\r\n$4\r\nEXEC\r\n");
            String expected = "+OK\r\n+QUEUED\r\n+QUEUED\r\n*2\r\n+OK\r\n+OK\r\n";
            assertThat(c.read(expected.length())).isEqualTo(expected);
        }
        assertThat(redis.mget("a", "b")).extracting(kv -> kv.getValue()).containsExactly("1", "2");
    }

    @Test
    void exec_afterUnknownCommandOrWrongArity_repliesExecAbortAndRunsNothing() throws Exception {
        try (RawClient c = raw()) {
            c.send("MULTI\r\nSET a 1\r\nNOSUCH x\r\nGET\r\nEXEC\r\n");
            String expected = "+OK\r\n+QUEUED\r\n"
                    + "-ERR unknown command 'NOSUCH', with args beginning with: 'x' \r\n"
                    + "-ERR wrong number of arguments for 'get' command\r\n"
                    + "-EXECABORT Transaction discarded because of previous errors.\r\n";
            assertThat(c.read(expected.length())).isEqualTo(expected);
        }
        assertThat(redis.exists("a")).isZero();
    }

    @Test
    void exec_runtimeErrorInside_isThatCommandsReplyOnly() throws Exception {
        try (RawClient c = raw()) {
            c.send("MULTI\r\nSET k abc\r\nINCR k\r\nGET k\r\nEXEC\r\n");
            String expected = "+OK\r\n+QUEUED\r\n+QUEUED\r\n+QUEUED\r\n"
                    + "*3\r\n+OK\r\n-ERR value is not an integer or out of range\r\n$3\r\nabc\r\n";
            assertThat(c.read(expected.length())).isEqualTo(expected);
        }
    }

    @Test
    void misuse_nestedMultiExecDiscardWatch_repliesRedisErrors() throws Exception {
        try (RawClient c = raw()) {
            c.send("EXEC\r\nDISCARD\r\nMULTI\r\nMULTI\r\nWATCH k\r\nSET k 1\r\nDISCARD\r\nEXISTS k\r\n");
            String expected = "-ERR EXEC without MULTI\r\n-ERR DISCARD without MULTI\r\n+OK\r\n"
                    + "-ERR MULTI calls can not be nested\r\n-ERR WATCH inside MULTI is not allowed\r\n"
                    + "+QUEUED\r\n+OK\r\n:0\r\n";
            assertThat(c.read(expected.length())).isEqualTo(expected);
        }
    }

    @Test
    void exec_watchedKeyWrittenByAnotherClient_abortsWithNullArray() {
        redis.set("balance", "10");
        try (Jedis jedis = new Jedis("127.0.0.1", augur.server().port())) {
            jedis.watch("balance");
            redis.set("balance", "10"); // same value: a write is a write, as in Redis
            Transaction tx = jedis.multi();
            tx.set("balance", "0");
            assertThat(tx.exec()).isNull();
        }
        assertThat(redis.get("balance")).isEqualTo("10");
    }

    @Test
    void exec_watchedKeyUnchanged_runs() {
        redis.set("balance", "10");
        try (Jedis jedis = new Jedis("127.0.0.1", augur.server().port())) {
            jedis.watch("balance", "absent-watched");
            redis.set("other", "x");
            Transaction tx = jedis.multi();
            tx.decrBy("balance", 3);
            assertThat(tx.exec()).containsExactly(7L);
        }
    }

    @Test
    void exec_afterUnwatch_ignoresLaterWrites() {
        try (Jedis jedis = new Jedis("127.0.0.1", augur.server().port())) {
            jedis.watch("k");
            jedis.unwatch();
            redis.set("k", "changed");
            Transaction tx = jedis.multi();
            tx.get("k");
            assertThat(tx.exec()).containsExactly("changed");
        }
    }

    @Test
    void exec_watchedKeyDeletedOrFlushed_aborts() throws Exception {
        redis.set("a", "1");
        redis.set("b", "1");
        try (RawClient c = raw()) {
            c.send("WATCH a\r\n");
            assertThat(c.readLine()).isEqualTo("+OK\r\n");
            redis.del("a");
            c.send("MULTI\r\nSET x 1\r\nEXEC\r\n");
            assertThat(c.read(24)).isEqualTo("+OK\r\n+QUEUED\r\n*-1\r\n");
            c.send("WATCH b\r\n");
            assertThat(c.readLine()).isEqualTo("+OK\r\n");
            redis.flushall();
            c.send("MULTI\r\nSET x 1\r\nEXEC\r\n");
            assertThat(c.read(24)).isEqualTo("+OK\r\n+QUEUED\r\n*-1\r\n");
        }
        assertThat(redis.exists("x")).isZero();
    }

    @Test
    void exec_watchedKeyExpired_abortsWithResp3Null() throws Exception {
        redis.psetex("short", 50, "v");
        try (RawClient c = raw()) {
            c.send("HELLO 3\r\n");
            c.read(1); // the HELLO map; its length does not matter here
            drain(c);
            c.send("WATCH short\r\n");
            assertThat(c.readLine()).isEqualTo("+OK\r\n");
            Await.until("the watched key expired", () -> redis.exists("short"), n -> n == 0);
            c.send("MULTI\r\nSET x 1\r\nEXEC\r\n");
            assertThat(c.read(22)).isEqualTo("+OK\r\n+QUEUED\r\n_\r\n");
        }
    }

    @Test
    void exec_watchedAbsentKeyFilledByReadThrough_aborts() throws Exception {
        try (RawClient c = raw()) {
            c.send("WATCH user:7\r\n");
            assertThat(c.readLine()).isEqualTo("+OK\r\n");
            assertThat(redis.get("user:7")).startsWith("value-of:user:7"); // another client's miss fills it
            c.send("MULTI\r\nSET x 1\r\nEXEC\r\n");
            assertThat(c.read(24)).isEqualTo("+OK\r\n+QUEUED\r\n*-1\r\n");
        }
    }

    @Test
    void exec_getMissWithReadThrough_answersFromCacheWithoutWaiting() throws Exception {
        try (RawClient c = raw()) {
            c.send("MULTI\r\nGET fresh\r\nSET k v\r\nEXEC\r\nPING\r\n");
            String expected = "+OK\r\n+QUEUED\r\n+QUEUED\r\n*2\r\n$-1\r\n+OK\r\n+PONG\r\n";
            assertThat(c.read(expected.length())).isEqualTo(expected);
        }
        assertThat(redis.get("fresh")).startsWith("value-of:fresh"); // outside EXEC the miss loads as before
    }

    @Test
    void discard_dropsQueueAndWatches() {
        try (Jedis jedis = new Jedis("127.0.0.1", augur.server().port())) {
            jedis.watch("k");
            Transaction tx = jedis.multi();
            tx.set("k", "1");
            assertThat(tx.discard()).isEqualTo("OK");
            redis.set("k", "other");
            Transaction again = jedis.multi();
            again.get("k");
            List<Object> result = again.exec();
            assertThat(result).containsExactly("other");
        }
    }

    /** Reads whatever is already there (a reply whose length the test does not pin). */
    private static void drain(RawClient c) throws Exception {
        c.send("PING\r\n");
        String line;
        do {
            line = c.readLine();
        } while (!line.equals("+PONG\r\n") && !line.isEmpty());
    }
}
