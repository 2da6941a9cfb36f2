package io.augur.server.command.server;

import io.augur.server.testing.RawClient;
import io.augur.server.testing.RedisBesideAugur;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MONITOR and CLIENT REPLY against Debian's redis-server and Augur with the same commands: the
 * monitor's lines (timestamps and client ports aside) and the replies a client gets must match.
 */
class MonitorAndClientReplyTest {

    /** {@code +<seconds>.<micros> [<db> <address>]}: the parts that differ between two runs. */
    private static final Pattern PREFIX = Pattern.compile("^\\+(\\d+)\\.(\\d{6}) \\[(\\d+) ([^\\]]+)\\] (.*)$");

    @RegisterExtension
    static final RedisBesideAugur servers = new RedisBesideAugur();

    private static final List<String> MONITORED = List.of(
            "GET a", "NOSUCH cmd", "GET", "AUTH foo bar", "AUTH pass", "HELLO 3 AUTH default secret SETNAME n",
            "HELLO 2", "MULTI", "SET b 1", "INCR b", "EXEC",
            "EVAL \"redis.call('set','c','1') return redis.call('get','c')\" 0", "CONFIG GET maxmemory",
            "INFO server", "SELECT 3", "SET d 1", "MONITOR", "SELECT 0", "DEL a b c", "PING");

    @Test
    void monitor_linesMatchRedis() throws Exception {
        assertThat(monitorLines(servers.augur().port())).isEqualTo(monitorLines(servers.redis().port()));
    }

    /** What a monitor saw of {@link #MONITORED} (and one SET with bytes to escape), prefixes normalized. */
    private static List<String> monitorLines(int port) throws Exception {
        List<String> lines = new ArrayList<>();
        try (RawClient monitor = new RawClient(port); RawClient client = new RawClient(port)) {
            client.send("FLUSHALL\r\n").readReply();
            assertThat(monitor.send("MONITOR\r\n").readReply()).isEqualTo("+OK\r\n");
            client.command("SET", "a", "x y\n\"z\u0001\\\t\r").readReply();
            client.send(new byte[] {'*', '2', '\r', '\n', '$', '3', '\r', '\n', 'G', 'E', 'T', '\r', '\n',
                    '$', '2', '\r', '\n', (byte) 0xff, (byte) 0x80, '\r', '\n'}).readReply();
            for (String command : MONITORED) {
                client.send(command + "\r\n").readReply();
            }
            client.send("ECHO end\r\n").readReply();
            while (true) {
                String line = monitor.readLine();
                assertThat(line).as("a monitor line before the end marker").startsWith("+");
                Matcher m = PREFIX.matcher(line.strip());
                assertThat(m.matches()).as("Redis's monitor format: %s", line).isTrue();
                String origin = m.group(4).equals("lua") ? "lua" : "client";
                lines.add("[" + m.group(3) + " " + origin + "] " + m.group(5));
                if (m.group(5).equals("\"ECHO\" \"end\"")) {
                    return lines;
                }
            }
        }
    }

    @Test
    void monitor_stopsAtReset_andAtDisconnect() throws Exception {
        try (RawClient monitor = new RawClient(servers.augur().port()); RawClient client = new RawClient(servers.augur().port())) {
            monitor.send("MONITOR\r\n").readReply();
            client.send("PING\r\n").readReply();
            assertThat(monitor.readLine()).endsWith("\"PING\"\r\n");
            assertThat(monitor.send("RESET\r\n").readReply()).isEqualTo("+RESET\r\n");
            client.send("ECHO unseen\r\n").readReply();
            assertThat(monitor.send("PING\r\n").readReply()).isEqualTo("+PONG\r\n"); // no monitor line in between
        }
    }

    @Test
    void clientReply_repliesMatchRedis() throws Exception {
        String script = "CLIENT REPLY|CLIENT REPLY foo|CLIENT REPLY on x|CLIENT REPLY SKIP|SET a 1|GET a"
                + "|CLIENT REPLY OFF|GET a|NOSUCH|CLIENT REPLY SKIP|SET a 2|CLIENT REPLY ON|GET a|CLIENT REPLY SKIP"
                + "|CLIENT REPLY SKIP|GET a|MONITOR x|MULTI|MONITOR|EXEC";
        assertThat(replies(servers.augur().port(), script)).isEqualTo(replies(servers.redis().port(), script));
    }

    /** Sends every command, then reads all the bytes that came back up to an end marker. */
    private static String replies(int port, String script) throws Exception {
        try (RawClient client = new RawClient(port)) {
            client.send("FLUSHALL\r\n").readReply();
            for (String command : script.split("\\|")) {
                client.send(command + "\r\n");
            }
            client.send("ECHO end\r\n");
            StringBuilder all = new StringBuilder();
            while (!all.toString().endsWith("$3\r\nend\r\n")) {
                String reply = client.readReply();
                assertThat(reply).as("a reply before the end marker").isNotEmpty();
                all.append(reply);
            }
            return all.toString();
        }
    }
}
