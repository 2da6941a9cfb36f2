package io.augur.server.command;

import io.augur.protocol.RespCommand;
import io.augur.server.client.ClientSession;
import io.augur.server.testing.RunningServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command runs at one time, as Redis's command time snapshot: however often it asks, and
 * however the clock moves meanwhile. PSETEX k 1 v read the clock twice, and when a millisecond
 * passed between the reads it found its own expiry already past and deleted the key it had to
 * set (LiveHzTest caught it about once in 75 runs).
 */
class CommandTimeTest {

    @TempDir
    Path dir;

    private static RespCommand command(String... words) {
        byte[][] argv = new byte[words.length][];
        for (int i = 0; i < words.length; i++) {
            argv[i] = words[i].getBytes(StandardCharsets.UTF_8);
        }
        return new RespCommand(argv, false);
    }

    @Test
    void aCommandSeesOneTime_thoughTheClockMovesOnEveryRead() throws Exception {
        AtomicLong clock = new AtomicLong(1_000_000);
        try (RunningServer server = RunningServer.startOnClock(dir, clock::getAndIncrement)) {
            Invocation invocation = new Invocation(server.server().context(),
                    new ClientSession(1, null, 0, true), new Reply());
            invocation.command(command("PSETEX", "k", "1", "v"));
            long time = invocation.now();
            assertThat(invocation.now()).isEqualTo(time);
            assertThat(invocation.now()).isEqualTo(time);

            invocation.command(command("GET", "k"));
            assertThat(invocation.now()).as("the next command reads the clock again").isGreaterThan(time);
        }
    }

    @Test
    void theStoreSeesTheCommandsTime_soAKeySetToLiveOneMillisecondIsThereForTheRestOfItsTransaction() throws Exception {
        AtomicLong clock = new AtomicLong(1_000_000);
        try (RunningServer server = RunningServer.startOnClock(dir, clock::getAndIncrement)) {
            var redis = server.lettuce();
            redis.multi();
            redis.psetex("k", 1, "v");
            redis.get("k");
            assertThat(redis.exec().<String>get(1)).as("EXEC runs at one time, as in Redis 7").isEqualTo("v");
        }
    }

    @Test
    void aScriptRunsAtOneTime() throws Exception {
        AtomicLong clock = new AtomicLong(1_000_000);
        try (RunningServer server = RunningServer.startOnClock(dir, clock::getAndIncrement)) {
            String value = server.lettuce().eval("redis.call('psetex', KEYS[1], 1, 'v') return redis.call('get', KEYS[1])",
                    io.lettuce.core.ScriptOutputType.VALUE, "k");
            assertThat(value).isEqualTo("v");
        }
    }

    @Test
    void theClockMovesAgainOnceTheCommandEnds() {
        AtomicLong source = new AtomicLong(10);
        CommandClock clock = new CommandClock(source::getAndIncrement);
        clock.hold();
        long held = clock.getAsLong();
        clock.hold(); // a nested command (EXEC's) keeps the outer instant
        assertThat(clock.getAsLong()).isEqualTo(held);
        clock.release();
        assertThat(clock.getAsLong()).isEqualTo(held);
        clock.release();
        assertThat(clock.getAsLong()).isGreaterThan(held);
    }

    @Test
    void anotherThreadReadsTheMovingClockWhileOneHoldsIt() throws Exception {
        AtomicLong source = new AtomicLong(10);
        CommandClock clock = new CommandClock(source::getAndIncrement);
        clock.hold();
        long held = clock.getAsLong();
        long[] seen = new long[1];
        Thread other = new Thread(() -> seen[0] = clock.getAsLong());
        other.start();
        other.join();
        assertThat(seen[0]).isGreaterThan(held);
        clock.release();
    }
}
