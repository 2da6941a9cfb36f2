package io.augur.server.command;

import java.util.Set;

/**
 * A command's table entry as COMMAND INFO reports it: arity (negative = at least), flags, key
 * positions, its documentation group and summary, and the action that runs it.
 */
public record CommandSpec(String name, int arity, Set<String> flags, int firstKey, int lastKey, int keyStep,
                          String group, String summary, String since, CommandAction action,
                          CommandCounters counters) {

    public boolean arityMatches(int argc) {
        return arity >= 0 ? argc == arity : argc >= -arity;
    }

    public boolean has(String flag) {
        return flags.contains(flag);
    }
}
