package io.augur.server.command.keys;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.store.EvictionPolicy;
import io.augur.server.store.StoredValue;

/** OBJECT ENCODING|REFCOUNT|IDLETIME|FREQ|HELP: what Redis reports about a key's value. */
final class ObjectCommand {

    private static final String LFU_SELECTED = "ERR An LFU maxmemory policy is selected, idle time not tracked. "
            + "Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.";
    private static final String LFU_NOT_SELECTED = "ERR An LFU maxmemory policy is not selected, access frequency not "
            + "tracked. Please note that when switching between policies at runtime LRU and LFU data will take some "
            + "time to adjust.";

    private ObjectCommand() {
    }

    static void register(CommandTable t) {
        t.command("object", -2).flags("readonly")
                .doc("generic", "2.2.3", "A container for object introspection commands.").run(ObjectCommand::object);
    }

    private static void object(Invocation inv) {
        String sub = inv.argLower(1);
        if (sub.equals("help") && inv.argc() == 2) {
            inv.reply().lines(
                    "OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                    "ENCODING <key>",
                    "    Return the kind of internal representation used in order to store the value",
                    "    associated with a <key>.",
                    "FREQ <key>",
                    "    Return the access frequency index of the <key>. The returned integer is",
                    "    proportional to the logarithm of the recent access frequency of the key.",
                    "IDLETIME <key>",
                    "    Return the idle time of the <key>, that is the approximated number of",
                    "    seconds elapsed since the last access to the key.",
                    "REFCOUNT <key>",
                    "    Return the number of references of the value associated with the specified",
                    "    <key>.",
                    "HELP",
                    "    Print this help.");
            return;
        }
        if (!(sub.equals("encoding") || sub.equals("refcount") || sub.equals("idletime") || sub.equals("freq"))) {
            throw new CommandError(Errors.unknownSubcommand(inv.argString(1), "object"));
        }
        if (inv.argc() != 3) {
            throw new CommandError(Errors.wrongArity("object|" + sub));
        }
        byte[] key = inv.arg(2);
        StoredValue value = inv.store().peek(key);
        if (value == null) {
            inv.reply().nullBulk();
            return;
        }
        EvictionPolicy policy = inv.server().store().policy();
        boolean lfu = policy == EvictionPolicy.ALLKEYS_LFU || policy == EvictionPolicy.VOLATILE_LFU;
        switch (sub) {
            case "encoding" -> inv.reply().bulk(ValueEncoding.of(value));
            case "refcount" -> inv.reply().integer(1); // Augur shares no values between keys
            case "idletime" -> {
                if (lfu) {
                    throw new CommandError(LFU_SELECTED);
                }
                inv.reply().integer(inv.store().idleSeconds(key));
            }
            default -> {
                if (!lfu) {
                    throw new CommandError(LFU_NOT_SELECTED);
                }
                inv.reply().integer(inv.store().frequency(key));
            }
        }
    }
}
