package io.augur.server.command;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Name → command lookup; the families register their commands here at start-up. */
public final class CommandTable {

    private final Map<String, CommandSpec> byName = new HashMap<>();

    /** Starts a registration: {@code table.command("get", 2).flags("readonly", "fast").keys(1, 1, 1)...}. */
    public Builder command(String name, int arity) {
        return new Builder(name, arity);
    }

    public CommandSpec lookup(String lowercaseName) {
        return byName.get(lowercaseName);
    }

    public int size() {
        return byName.size();
    }

    /** All commands sorted by name, for COMMAND and COMMAND DOCS. */
    public Collection<CommandSpec> all() {
        return Collections.unmodifiableCollection(new TreeMap<>(byName).values());
    }

    /** Fluent registration of one command. */
    public final class Builder {
        private final String name;
        private final int arity;
        private Set<String> flags = Set.of();
        private int firstKey;
        private int lastKey;
        private int keyStep;
        private String group = "generic";
        private String summary = "";
        private String since = "1.0.0";

        private Builder(String name, int arity) {
            this.name = name;
            this.arity = arity;
        }

        public Builder flags(String... flags) {
            this.flags = Set.of(flags);
            return this;
        }

        public Builder keys(int first, int last, int step) {
            this.firstKey = first;
            this.lastKey = last;
            this.keyStep = step;
            return this;
        }

        public Builder doc(String group, String since, String summary) {
            this.group = group;
            this.since = since;
            this.summary = summary;
            return this;
        }

        public void run(CommandAction action) {
            byName.put(name, new CommandSpec(name, arity, flags, firstKey, lastKey, keyStep, group, summary, since,
                    action, new CommandCounters()));
        }
    }
}
