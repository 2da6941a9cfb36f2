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
    /** Open-addressing index over the names' bytes: the hot path finds a command without allocating. */
    private final CommandSpec[] index = new CommandSpec[512];
    private final byte[][] indexNames = new byte[512][];
    private final java.util.List<CommandHooks> hookList = new java.util.ArrayList<>();
    private final java.util.Map<Class<?>, Object> shared = new java.util.HashMap<>();
    private CommandHooks hooks = CommandHooks.NONE;
    private final KeyspaceEvents keyspaceEvents = new KeyspaceEvents();
    private final Monitors monitors = new Monitors();
    private final ScriptGate scriptGate = new ScriptGate();

    /** Starts a registration: {@code table.command("get", 2).flags("readonly", "fast").keys(1, 1, 1)...}. */
    public Builder command(String name, int arity) {
        return new Builder(name, arity);
    }

    public CommandSpec lookup(String lowercaseName) {
        return byName.get(lowercaseName);
    }

    /** The command named by these bytes, in any letter case, or null. */
    public CommandSpec lookup(byte[] name) {
        int mask = index.length - 1;
        for (int i = hash(name) & mask; ; i = (i + 1) & mask) {
            CommandSpec spec = index[i];
            if (spec == null) {
                return null;
            }
            if (equalsIgnoreCase(indexNames[i], name)) {
                return spec;
            }
        }
    }

    private void addToIndex(CommandSpec spec) {
        byte[] name = spec.name().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int mask = index.length - 1;
        int i = hash(name) & mask;
        while (index[i] != null && !index[i].name().equals(spec.name())) {
            i = (i + 1) & mask;
        }
        index[i] = spec;
        indexNames[i] = name;
    }

    private static int hash(byte[] name) {
        int h = 0;
        for (byte b : name) {
            h = 31 * h + (b | 0x20);
        }
        return h ^ (h >>> 16);
    }

    /** ASCII case-insensitive; {@code lower} is already lower case. */
    private static boolean equalsIgnoreCase(byte[] lower, byte[] any) {
        if (lower.length != any.length) {
            return false;
        }
        for (int i = 0; i < lower.length; i++) {
            byte b = any[i];
            if (b >= 'A' && b <= 'Z') {
                b += 32;
            }
            if (b != lower[i]) {
                return false;
            }
        }
        return true;
    }

    /** State several families share (one per table, so one per server), created on first use. */
    public <T> T shared(Class<T> type, java.util.function.Supplier<T> create) {
        Object value = shared.get(type);
        if (value == null) {
            value = create.get();
            shared.put(type, value);
        }
        return type.cast(value);
    }

    /** Adds a family's hooks around every command (see {@link CommandHooks}); registration order is run order. */
    public void hooks(CommandHooks familyHooks) {
        hookList.add(familyHooks);
        hooks = CommandHooks.of(hookList);
    }

    public CommandHooks hooks() {
        return hooks;
    }

    /** MONITOR's clients: the dispatcher feeds them every command. */
    public Monitors monitors() {
        return monitors;
    }

    /** Whether a long script holds the keyspace on its own thread (see {@link ScriptGate}). */
    public ScriptGate scriptGate() {
        return scriptGate;
    }

    /** Keyspace notifications: commands raise them, the pub/sub family delivers them. */
    public KeyspaceEvents keyspaceEvents() {
        return keyspaceEvents;
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
            CommandSpec spec = new CommandSpec(name, arity, flags, firstKey, lastKey, keyStep, group, summary, since,
                    action, new CommandCounters(), summary.startsWith("A container for"));
            byName.put(name, spec);
            addToIndex(spec);
        }
    }
}
