package io.augur.server.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs one '|'-separated script of inline commands against redis-server and Augur and asserts
 * byte-identical replies. A step "!CMD" is sent to both without comparing (HELLO names the
 * server); "~CMD" compares an aggregate's top-level elements in any order.
 */
public final class DifferentialScript {

    private DifferentialScript() {
    }

    public static void run(int redisPort, int augurPort, String script) throws Exception {
        try (RawClient r = new RawClient(redisPort); RawClient a = new RawClient(augurPort)) {
            r.send("FLUSHALL\r\n").readLine();
            a.send("FLUSHALL\r\n").readLine();
            for (String step : script.split("\\|")) {
                boolean compare = !step.startsWith("!");
                boolean unordered = step.startsWith("~");
                String command = compare && !unordered ? step : step.substring(1);
                String expected = exchange(r, command, unordered);
                String actual = exchange(a, command, unordered);
                if (compare) {
                    assertThat(actual).as("reply to '%s'", command).isEqualTo(expected);
                }
            }
        }
    }

    /** Sends one inline command and reads one whole reply, RESP2 or RESP3. */
    public static String exchange(RawClient client, String command, boolean unordered) throws Exception {
        client.send(command + "\r\n");
        String first = client.readLine();
        if (!unordered) {
            StringBuilder reply = new StringBuilder(first);
            readRest(client, first, reply);
            return reply.toString();
        }
        List<String> elements = new ArrayList<>();
        for (int i = 0; i < elementCount(first); i++) {
            String line = client.readLine();
            StringBuilder element = new StringBuilder(line);
            readRest(client, line, element);
            elements.add(element.toString());
        }
        Collections.sort(elements);
        return first + String.join("", elements);
    }

    /** How many replies follow an aggregate header (a map's pairs count twice); 0 for other types. */
    private static int elementCount(String header) {
        char type = header.charAt(0);
        if (type != '*' && type != '~' && type != '%' && type != '>') {
            return 0;
        }
        int n = Integer.parseInt(header.substring(1).trim());
        return n < 0 ? 0 : type == '%' ? 2 * n : n;
    }

    private static void readRest(RawClient client, String header, StringBuilder reply) throws Exception {
        char type = header.charAt(0);
        if (type == '$' || type == '=' || type == '!') {
            int len = Integer.parseInt(header.substring(1).trim());
            if (len >= 0) {
                reply.append(client.read(len + 2));
            }
            return;
        }
        for (int i = 0; i < elementCount(header); i++) {
            String line = client.readLine();
            reply.append(line);
            readRest(client, line, reply);
        }
    }
}
