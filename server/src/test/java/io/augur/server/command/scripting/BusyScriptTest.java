package io.augur.server.command.scripting;

import io.augur.server.testing.Await;
import io.augur.server.testing.RawClient;
import io.augur.server.testing.RunningServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A long script, as Redis 7 treats it: others wait, then get BUSY past busy-reply-threshold;
 * SCRIPT KILL stops a script that has not written, and refuses one that has. Raw sockets, so that
 * one connection can wait on its script while others talk.
 */
class BusyScriptTest {

    static final String BUSY = "-BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.\r\n";
    static final String ENDLESS_READS = "local n = 0 while true do n = n + #(redis.call('get', 'k') or '') end";

    @TempDir
    Path dir;
    RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.start(dir, "busy-reply-threshold", "200");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void endlessReadOnlyScript_othersGetBusy_andScriptKillStopsIt_withTheDataIntact() throws Exception {
        try (RawClient scripted = new RawClient(server.port()); RawClient other = new RawClient(server.port())) {
            other.command("SET", "k", "v").readReply();
            scripted.command("EVAL", ENDLESS_READS, "0");
            awaitBusy(other);
            assertThat(other.command("SET", "k", "changed").readReply()).isEqualTo(BUSY);
            assertThat(other.command("SCRIPT", "KILL").readReply()).isEqualTo("+OK\r\n");
            assertThat(scripted.readReply()).startsWith("-ERR Script killed by user with SCRIPT KILL... script: ")
                    .endsWith(", on @user_script:1.\r\n");
            assertThat(other.command("GET", "k").readReply()).isEqualTo("$1\r\nv\r\n");
            assertThat(scripted.command("PING").readReply()).isEqualTo("+PONG\r\n");
            assertThat(other.command("SCRIPT", "KILL").readReply())
                    .isEqualTo("-NOTBUSY No scripts in execution right now.\r\n");
        }
    }

    @Test
    void pcallCannotCatchTheKill() throws Exception {
        try (RawClient scripted = new RawClient(server.port()); RawClient other = new RawClient(server.port())) {
            scripted.command("EVAL", "while true do pcall(function() while true do end end) end", "0");
            awaitBusy(other);
            assertThat(other.command("SCRIPT", "KILL").readReply()).isEqualTo("+OK\r\n");
            assertThat(scripted.readReply()).startsWith("-ERR Script killed by user with SCRIPT KILL...");
        }
    }

    @Test
    void aBusyTransaction_isRefusedAtExec_asInRedis() throws Exception {
        try (RawClient scripted = new RawClient(server.port()); RawClient other = new RawClient(server.port());
             RawClient killer = new RawClient(server.port())) {
            scripted.command("EVAL", ENDLESS_READS, "0");
            awaitBusy(other);
            assertThat(other.command("MULTI").readReply()).isEqualTo("+OK\r\n");
            assertThat(other.command("SET", "k", "in-multi").readReply()).isEqualTo(BUSY);
            assertThat(other.command("SCRIPT", "KILL").readReply()).isEqualTo("+QUEUED\r\n"); // as in Redis
            assertThat(killer.command("SCRIPT", "KILL").readReply()).isEqualTo("+OK\r\n");
            scripted.readReply();
            assertThat(other.command("EXEC").readReply()).startsWith("-EXECABORT");
            assertThat(other.command("GET", "k").readReply()).isEqualTo("$-1\r\n");
        }
    }

    @Test
    void aScriptThatWroteOnItsOwnThread_isUnkillable_andShutdownStopsIt_keepingTheWrite() throws Exception {
        // A subscriber to the key's events learns when the write happened.
        String script = onItsOwnThreadThenLoop("redis.call('set', 'w', 'written')");
        try (RawClient scripted = new RawClient(server.port()); RawClient other = new RawClient(server.port());
             RawClient subscriber = new RawClient(server.port())) {
            other.command("CONFIG", "SET", "notify-keyspace-events", "KA").readReply();
            subscriber.command("SUBSCRIBE", "__keyspace@0__:w").readReply();
            scripted.command("EVAL", script, "0");
            assertThat(subscriber.readReply()).contains("set");
            awaitBusy(other);
            assertThat(other.command("SCRIPT", "KILL").readReply()).startsWith("-UNKILLABLE Sorry the script already "
                    + "executed write commands against the dataset.");
            other.command("SHUTDOWN", "NOSAVE");
            assertThat(other.closedByServer()).isTrue();
        }
        server.restart();
        assertThat(server.lettuce().get("w")).isEqualTo("written");
    }

    @Test
    void aScriptThatOnlyPublished_canStillBeKilled_asInRedis() throws Exception {
        String script = onItsOwnThreadThenLoop("redis.call('publish', 'news', 'hello')");
        try (RawClient scripted = new RawClient(server.port()); RawClient other = new RawClient(server.port());
             RawClient subscriber = new RawClient(server.port())) {
            subscriber.command("SUBSCRIBE", "news").readReply();
            scripted.command("EVAL", script, "0");
            assertThat(subscriber.readReply()).contains("hello");
            awaitBusy(other);
            assertThat(other.command("SCRIPT", "KILL").readReply()).isEqualTo("+OK\r\n");
            assertThat(scripted.readReply()).startsWith("-ERR Script killed by user with SCRIPT KILL...");
        }
    }

    @Test
    void aScriptPastTheInlineBudget_repliesWithItsResult_andItsWritesStay() throws Exception {
        server.lettuce().configSet("busy-reply-threshold", "60000"); // moves after 100 ms, never busy
        // Counts clock reads for 400 ms, past the inline budget, however fast the machine.
        String counting = "local n = 0 local t0 = redis.call('time') local s0 = t0[1] * 1000000 + t0[2] "
                + "repeat local t = redis.call('time') n = n + 1 until t[1] * 1000000 + t[2] - s0 > 400000 "
                + "redis.call('set', 'reads', n) return n";
        try (RawClient scripted = new RawClient(server.port()); RawClient other = new RawClient(server.port())) {
            scripted.command("EVAL", counting, "0");
            other.command("INCR", "after");
            String reads = scripted.readReply();
            assertThat(reads).matches(":[1-9][0-9]*\r\n");
            assertThat(other.readReply()).isEqualTo(":1\r\n");
            assertThat(other.command("GET", "reads").readReply()).endsWith("\r\n" + reads.substring(1));
        }
    }

    /**
     * A script that reads the clock until it has moved to its own thread (past the inline budget of
     * 100 ms at most), then runs {@code call} and loops for ever.
     */
    private static String onItsOwnThreadThenLoop(String call) {
        return "local t0 = redis.call('time') local s0 = t0[1] * 1000000 + t0[2] "
                + "repeat local t = redis.call('time') until t[1] * 1000000 + t[2] - s0 > 150000 "
                + call + " while true do end";
    }

    /** Pings until the script has passed the threshold: until then a ping waits (or, before the script, is answered). */
    private static void awaitBusy(RawClient client) {
        Await.until("the script turns busy", () -> ping(client), BUSY::equals);
    }

    private static String ping(RawClient client) {
        try {
            return client.command("PING").readReply();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
