package io.augur.server.command;

import io.augur.protocol.RespCommand;
import io.augur.server.client.ClientSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * MONITOR: the clients that watch every command, and the line each command becomes, in Redis's
 * format: {@code +1339518083.107412 [0 127.0.0.1:60866] "keys" "*"}. Command thread only.
 */
public final class Monitors {

    /*
     * Cost: the dispatcher asks active() per command, one list-size read; a line is built only
     * while someone monitors. As Redis: a command shows after it ran (so EXEC follows its
     * commands), EVAL before (its redis.call lines follow, as "[db lua]"), admin commands never,
     * and AUTH/HELLO passwords as "(redacted)".
     */

    private static final byte[] REDACTED = "(redacted)".getBytes(StandardCharsets.US_ASCII);

    private final List<ClientSession> monitors = new ArrayList<>();
    private final Clock clock;

    public Monitors() {
        this(Clock.systemUTC());
    }

    Monitors(Clock clock) {
        this.clock = clock;
    }

    /** MONITOR: from now on the client receives every command; false if it already did. */
    public boolean add(ClientSession client) {
        if (monitors.contains(client)) {
            return false;
        }
        monitors.add(client);
        return true;
    }

    /** The client closed or RESET. */
    public void remove(ClientSession client) {
        monitors.remove(client);
    }

    /** Whether the client is in monitor mode. */
    public boolean monitoring(ClientSession client) {
        return monitors.contains(client);
    }

    public boolean active() {
        return !monitors.isEmpty();
    }

    /**
     * Sends the command to every monitor: run by {@code source} in database {@code db}, from
     * {@code origin} (the client's address, or "lua" for a script's redis.call).
     */
    public void feed(ClientSession source, String origin, int db, RespCommand command) {
        if (monitors.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        StringBuilder line = new StringBuilder(64).append('+').append(now.getEpochSecond()).append('.');
        String micros = Integer.toString(now.getNano() / 1000);
        line.append("0".repeat(6 - micros.length())).append(micros)
                .append(" [").append(db).append(' ').append(origin).append(']');
        byte[][] args = redacted(command);
        for (byte[] arg : args) {
            line.append(' ');
            quote(line, arg);
        }
        byte[] bytes = line.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        for (ClientSession monitor : monitors) {
            ByteBuf out = ByteBufAllocator.DEFAULT.buffer(bytes.length);
            out.writeBytes(bytes);
            monitor.push(out);
        }
    }

    /** The arguments with passwords replaced, as Redis's redactClientCommandArgument leaves them. */
    private static byte[][] redacted(RespCommand command) {
        byte[][] args = new byte[command.size()][];
        for (int i = 0; i < args.length; i++) {
            args[i] = command.arg(i);
        }
        String name = new String(args[0], StandardCharsets.ISO_8859_1);
        if (name.equalsIgnoreCase("auth")) {
            for (int i = 1; i < args.length; i++) {
                args[i] = REDACTED;
            }
        } else if (name.equalsIgnoreCase("hello")) {
            for (int i = 2; i < args.length; i++) {
                if (new String(args[i], StandardCharsets.ISO_8859_1).equalsIgnoreCase("auth")) {
                    for (int j = i + 1; j < Math.min(i + 3, args.length); j++) {
                        args[j] = REDACTED;
                    }
                    i += 2;
                }
            }
        }
        return args;
    }

    /** Redis's sdscatrepr: quoted, with \\ \" \n \r \t \a \b escaped and other unprintable bytes as \xhh. */
    static void quote(StringBuilder out, byte[] arg) {
        out.append('"');
        for (byte b : arg) {
            int c = b & 0xFF;
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case 7 -> out.append("\\a");
                case '\b' -> out.append("\\b");
                default -> {
                    if (c >= 32 && c < 127) {
                        out.append((char) c);
                    } else {
                        out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    }
                }
            }
        }
        out.append('"');
    }
}
