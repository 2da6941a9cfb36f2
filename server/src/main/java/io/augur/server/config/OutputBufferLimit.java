package io.augur.server.config;

import java.util.Locale;

/**
 * redis-server's {@code client-output-buffer-limit} for normal clients: a client whose unsent
 * replies exceed {@code hardBytes}, or stay above {@code softBytes} for {@code softSeconds}, is
 * disconnected. 0 disables a limit.
 */
public record OutputBufferLimit(long hardBytes, long softBytes, long softSeconds) {

    /** Parses Redis's syntax, e.g. "normal 256mb 64mb 60"; classes other than normal are accepted and ignored. */
    public static OutputBufferLimit parse(String value) {
        String[] parts = value.trim().toLowerCase(Locale.ROOT).split("\\s+");
        if (parts.length == 0 || parts.length % 4 != 0) {
            throw new IllegalArgumentException("argument must be <class> <hard limit> <soft limit> <soft seconds>");
        }
        OutputBufferLimit normal = null;
        for (int i = 0; i < parts.length; i += 4) {
            String cls = parts[i];
            if (!cls.equals("normal") && !cls.equals("replica") && !cls.equals("slave") && !cls.equals("pubsub")) {
                throw new IllegalArgumentException("Invalid client class specified in buffer limit configuration.");
            }
            OutputBufferLimit limit = new OutputBufferLimit(ConfigValues.parseMemory(parts[i + 1]),
                    ConfigValues.parseMemory(parts[i + 2]), ConfigValues.parseLong(parts[i + 3], 0, Integer.MAX_VALUE));
            if (cls.equals("normal")) {
                normal = limit;
            }
        }
        if (normal == null) {
            throw new IllegalArgumentException("argument must set the normal class, e.g. normal 256mb 64mb 60");
        }
        return normal;
    }

    @Override
    public String toString() {
        return "normal " + hardBytes + " " + softBytes + " " + softSeconds;
    }
}
