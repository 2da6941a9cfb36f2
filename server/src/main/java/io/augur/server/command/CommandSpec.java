package io.augur.server.command;

import java.util.Set;

/**
 * A command's table entry as COMMAND INFO reports it: arity (negative = at least), flags, key
 * positions, its documentation group and summary, and the action that runs it; a container
 * (CONFIG, CLIENT, ...) takes a subcommand, which CLIENT LIST names as Redis does ({@code config|get}).
 */
public record CommandSpec(String name, int arity, Set<String> flags, int firstKey, int lastKey, int keyStep,
                          String group, String summary, String since, CommandAction action,
                          CommandCounters counters, boolean container) {

    public boolean arityMatches(int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }

    /** The name CLIENT LIST shows for this call: {@code name|subcommand} for a container. */
    public String fullName(io.augur.protocol.RespCommand command) {
        if (!container || command.size() < 2) {
            return name;
        }
        return name + "|" + new String(command.arg(1), java.nio.charset.StandardCharsets.ISO_8859_1)
                .toLowerCase(java.util.Locale.ROOT);
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }
}
