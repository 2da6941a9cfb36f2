package io.augur.server.command.pubsub;

import io.augur.server.testing.RawClient;
import io.augur.server.testing.RunningServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * As in Redis, any command that looks a key up expires it at once, with its "expired" event
 * before the command's own: the server's clock is stepped past the TTL, and the event must come
 * before a marker published right after the command (hz 1 keeps the expiry cycle out of the way).
 */
class ExpiryAtLookupTest {

    private static final String MARKER = "marker";

    @TempDir
    Path dir;
    final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
    RunningServer server;

    @BeforeEach
    void start() throws Exception {
        server = RunningServer.startOnClock(dir, clock::get, "hz", "1", "notify-keyspace-events", "KEA");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"EXISTS a", "TTL a", "TYPE a", "GET a", "SET a 2", "APPEND a x", "EXPIRE a 100"})
    void aLookupOfAnExpiredKey_raisesExpiredAtOnce(String command) throws Exception {
        try (RawClient control = new RawClient(server.port()); RawClient subscriber = new RawClient(server.port())) {
            subscriber.send("SUBSCRIBE __keyevent@0__:expired " + MARKER + "\r\n").readReply();
            subscriber.readReply();
            control.send("SET a 1 PX 100\r\n").readReply();
            clock.addAndGet(1_000);
            control.send(command + "\r\n").readReply();
            control.send("PUBLISH " + MARKER + " end\r\n").readReply();
            assertThat(heardUntilMarker(subscriber)).containsExactly("__keyevent@0__:expired=a");
        }
    }

    private static List<String> heardUntilMarker(RawClient subscriber) throws Exception {
        List<String> heard = new ArrayList<>();
        while (true) {
            String[] lines = subscriber.readReply().split("\r\n");
            if (lines[4].equals(MARKER)) {
                return heard;
            }
            heard.add(lines[4] + "=" + lines[6]);
        }
    }
}
