package io.augur.server.command.list;

import io.augur.server.testing.Await;
import io.augur.server.testing.RawClient;
import io.augur.server.testing.RunningServer;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** BLPOP and friends over real sockets: wake-ups, FIFO order, timeouts, MULTI/EXEC and scripts, disconnects. */
class BlockingListTest {

    @TempDir
    static Path dir;
    static RunningServer augur;
    RedisCommands<String, String> redis;

    @BeforeAll
    static void start() throws Exception {
        augur = RunningServer.start(dir);
    }

    @AfterAll
    static void stop() {
        augur.close();
    }

    @BeforeEach
    void flush() {
        redis = augur.lettuce();
        redis.flushall();
    }

    /** Waits until {@code n} connections are parked in a blocking command (CLIENT LIST shows their last command). */
    private void awaitBlocked(String command, int n) {
        Await.until(n + " clients blocked in " + command, () -> redis.clientList().split("cmd=" + command + " ", -1).length - 1,
                count -> count == n);
    }

    private static RawClient raw() throws Exception {
        return new RawClient(augur.server().port());
    }

    /** One reply line without its CRLF. */
    private static String line(RawClient client) throws Exception {
        return client.readLine().stripTrailing();
    }

    private static String readBlpopReply(RawClient client) throws Exception {
        assertThat(line(client)).isEqualTo("*2");
        line(client);
        String key = line(client);
        line(client);
        return key + "=" + line(client);
    }

    @Test
    void blpop_emptyList_wakesOnPushFromAnotherClient() throws Exception {
        try (RawClient waiter = raw()) {
            waiter.send("BLPOP q 0\r\n");
            awaitBlocked("blpop", 1);
            redis.rpush("q", "job");
            assertThat(readBlpopReply(waiter)).isEqualTo("q=job");
            assertThat(redis.exists("q")).isZero();
        }
    }

    @Test
    void blpop_twoWaiters_servedInArrivalOrder() throws Exception {
        try (RawClient first = raw(); RawClient second = raw()) {
            first.send("BLPOP q 0\r\n");
            awaitBlocked("blpop", 1);
            second.send("BRPOP other q 0\r\n");
            awaitBlocked("brpop", 1);
            redis.rpush("q", "a");
            assertThat(readBlpopReply(first)).isEqualTo("q=a");
            redis.rpush("q", "b");
            assertThat(readBlpopReply(second)).isEqualTo("q=b");
        }
    }

    @Test
    void blpop_timeout_repliesNilAndStopsWaiting() {
        try (Jedis jedis = new Jedis("127.0.0.1", augur.server().port())) {
            assertThat(jedis.blpop(0.05, "nokey")).isNull();
            redis.rpush("nokey", "later");
            assertThat(redis.llen("nokey")).as("a timed-out client takes nothing").isEqualTo(1);
        }
    }

    @Test
    void pushInsideMulti_wakesWaiterOnlyAfterExec() throws Exception {
        try (RawClient waiter = raw(); RawClient producer = raw()) {
            waiter.send("BLPOP q 0\r\n");
            awaitBlocked("blpop", 1);
            producer.send("MULTI\r\nRPUSH q a\r\nRPUSH q b\r\nLLEN q\r\nEXEC\r\n");
            for (int i = 0; i < 4; i++) {
                line(producer); // +OK and three +QUEUED
            }
            assertThat(line(producer)).isEqualTo("*3");
            assertThat(line(producer)).isEqualTo(":1");
            assertThat(line(producer)).isEqualTo(":2");
            assertThat(line(producer)).as("the waiter was not served inside the transaction").isEqualTo(":2");
            assertThat(readBlpopReply(waiter)).isEqualTo("q=a");
            assertThat(redis.lrange("q", 0, -1)).containsExactly("b");
        }
    }

    @Test
    void pushFromScript_wakesWaiterAfterScript() throws Exception {
        try (RawClient waiter = raw()) {
            waiter.send("BLPOP q 0\r\n");
            awaitBlocked("blpop", 1);
            Long seen = redis.eval("redis.call('rpush', KEYS[1], 'a') return redis.call('llen', KEYS[1])",
                    io.lettuce.core.ScriptOutputType.INTEGER, "q");
            assertThat(seen).as("the waiter was not served inside the script").isEqualTo(1);
            assertThat(readBlpopReply(waiter)).isEqualTo("q=a");
            assertThat(redis.exists("q")).isZero();
        }
    }

    @Test
    void blockingInsideMulti_answersAsNonBlocking() throws Exception {
        try (RawClient client = raw()) {
            client.send("MULTI\r\nBLPOP q 0\r\nBLMOVE q d LEFT LEFT 0\r\nEXEC\r\n");
            for (int i = 0; i < 3; i++) {
                line(client);
            }
            assertThat(List.of(line(client), line(client), line(client))).containsExactly("*2", "*-1", "$-1");
        }
    }

    @Test
    void clientDisconnectingWhileBlocked_isForgottenAndTakesNothing() throws Exception {
        RawClient waiter = raw();
        waiter.send("BLPOP q 0\r\n");
        awaitBlocked("blpop", 1);
        waiter.close();
        awaitBlocked("blpop", 0);
        redis.rpush("q", "kept");
        assertThat(redis.lrange("q", 0, -1)).containsExactly("kept");
    }

    @Test
    void pipelinedCommandsBehindBlockedOne_waitTheirTurn() throws Exception {
        try (RawClient client = raw()) {
            client.send("BLPOP q 0\r\nPING\r\nLLEN q\r\n");
            awaitBlocked("blpop", 1);
            redis.rpush("q", "a", "b");
            assertThat(readBlpopReply(client)).isEqualTo("q=a");
            assertThat(line(client)).isEqualTo("+PONG");
            assertThat(line(client)).isEqualTo(":1");
        }
    }

    @Test
    void blmove_wakesAndItsPushWakesTheNextWaiter() throws Exception {
        try (RawClient mover = raw(); RawClient popper = raw()) {
            mover.send("BLMOVE src dst RIGHT LEFT 0\r\n");
            awaitBlocked("blmove", 1);
            popper.send("BLMPOP 0 1 dst LEFT COUNT 5\r\n");
            awaitBlocked("blmpop", 1);
            redis.rpush("src", "x");
            assertThat(line(mover)).isEqualTo("$1");
            assertThat(line(mover)).isEqualTo("x");
            assertThat(List.of(line(popper), line(popper), line(popper), line(popper),
                    line(popper), line(popper))).containsExactly("*2", "$3", "dst", "*1", "$1", "x");
            assertThat(redis.exists("src", "dst")).isZero();
        }
    }

    @Test
    void bzpopmin_emptySortedSet_wakesOnZadd() throws Exception {
        try (RawClient waiter = raw()) {
            waiter.send("BZPOPMIN z 0\r\n");
            awaitBlocked("bzpopmin", 1);
            redis.zadd("z", 2.0, "two");
            redis.zadd("z", 1.0, "one");
            assertThat(List.of(line(waiter), line(waiter), line(waiter), line(waiter), line(waiter), line(waiter), line(waiter)))
                    .containsExactly("*3", "$1", "z", "$3", "two", "$1", "2");
            assertThat(redis.zrange("z", 0, -1)).containsExactly("one");
        }
    }

    @Test
    void clientUnblock_answersTheBlockedClientWithNilOrError() throws Exception {
        try (RawClient waiter = raw()) {
            waiter.send("CLIENT ID\r\n");
            long id = Long.parseLong(line(waiter).substring(1));
            waiter.send("BLPOP q 0\r\n");
            awaitBlocked("blpop", 1);
            assertThat(redis.info("clients")).contains("blocked_clients:1");
            assertThat(redis.clientUnblock(id, io.lettuce.core.UnblockType.TIMEOUT)).isEqualTo(1);
            assertThat(line(waiter)).isEqualTo("*-1");
            waiter.send("BRPOP q 0\r\n");
            awaitBlocked("brpop", 1);
            assertThat(redis.clientUnblock(id, io.lettuce.core.UnblockType.ERROR)).isEqualTo(1);
            assertThat(line(waiter)).isEqualTo("-UNBLOCKED client unblocked via CLIENT UNBLOCK");
            assertThat(redis.clientUnblock(id, io.lettuce.core.UnblockType.ERROR)).isZero();
            assertThat(redis.info("clients")).contains("blocked_clients:0");
        }
    }
}
