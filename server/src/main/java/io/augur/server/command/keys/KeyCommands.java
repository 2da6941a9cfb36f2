package io.augur.server.command.keys;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.config.NotifyKeyspaceEvents;
import io.augur.server.store.Store;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

import java.util.ArrayList;
import java.util.List;

/** The generic keyspace family: DEL, EXISTS, TYPE, KEYS, SCAN, RENAME, TOUCH, RANDOMKEY. */
public final class KeyCommands {

    /** SCAN COUNT above this is clamped: one call never walks more of the store than this. */
    private static final int MAX_SCAN_COUNT = 100_000;

    private KeyCommands() {
    }

    public static void register(CommandTable t) {
        t.command("del", -2).flags("write").keys(1, -1, 1)
                .doc("generic", "1.0.0", "Deletes one or more keys.").run(KeyCommands::del);
        t.command("unlink", -2).flags("write", "fast").keys(1, -1, 1)
                .doc("generic", "4.0.0", "Asynchronously deletes one or more keys.").run(KeyCommands::del);
        t.command("exists", -2).flags("readonly", "fast").keys(1, -1, 1)
                .doc("generic", "1.0.0", "Determines whether one or more keys exist.").run(KeyCommands::exists);
        t.command("touch", -2).flags("readonly", "fast").keys(1, -1, 1)
                .doc("generic", "3.2.1", "Returns the number of existing keys out of those specified after updating the time they were last accessed.")
                .run(KeyCommands::exists);
        t.command("type", 2).flags("readonly", "fast").keys(1, 1, 1)
                .doc("generic", "1.0.0", "Determines the type of value stored at a key.").run(KeyCommands::type);
        t.command("keys", 2).flags("readonly").doc("generic", "1.0.0", "Returns all key names that match a pattern.")
                .run(KeyCommands::keys);
        t.command("scan", -2).flags("readonly").doc("generic", "2.8.0", "Iterates over the key names in the database.")
                .run(KeyCommands::scan);
        t.command("rename", 3).flags("write").keys(1, 2, 1)
                .doc("generic", "1.0.0", "Renames a key and overwrites the destination.").run(inv -> rename(inv, false));
        t.command("renamenx", 3).flags("write", "fast").keys(1, 2, 1)
                .doc("generic", "1.0.0", "Renames a key only when the target key name doesn't exist.").run(inv -> rename(inv, true));
        t.command("randomkey", 1).flags("readonly")
                .doc("generic", "1.0.0", "Returns a random key name from the database.").run(KeyCommands::randomkey);
        ExpireCommands.register(t);
        ObjectCommand.register(t);
        DatabaseCommands.register(t);
    }

    private static void del(Invocation inv) {
        long deleted = 0;
        for (int i = 1; i < inv.argc(); i++) {
            byte[] key = inv.arg(i);
            if (inv.store().delete(key)) {
                deleted++;
                inv.wrote(key);
                inv.notify(NotifyKeyspaceEvents.GENERIC, "del", key);
            }
        }
        inv.reply().integer(deleted);
    }

    private static void exists(Invocation inv) {
        long count = 0;
        for (int i = 1; i < inv.argc(); i++) {
            if (inv.store().peek(inv.arg(i)) != null) {
                count++;
            }
        }
        inv.reply().integer(count);
    }

    private static void type(Invocation inv) {
        StoredValue value = inv.store().peek(inv.arg(1));
        inv.reply().simple(value == null ? "none" : value.type().typeName());
    }

    private static void keys(Invocation inv) {
        GlobPattern pattern = new GlobPattern(inv.arg(1));
        List<byte[]> found = new ArrayList<>();
        inv.store().forEachKey(key -> {
            if (pattern.matches(key)) {
                found.add(key);
            }
        });
        inv.reply().array(found.size());
        for (byte[] key : found) {
            inv.reply().bulk(key);
        }
    }

    private static void scan(Invocation inv) {
        long cursor = parseCursor(inv.arg(1));
        GlobPattern match = null;
        long count = 10;
        String type = null;
        for (int i = 2; i < inv.argc(); i++) {
            String option = inv.argLower(i);
            if (i + 1 >= inv.argc()) {
                throw new CommandError(Errors.SYNTAX);
            }
            switch (option) {
                case "match" -> match = new GlobPattern(inv.arg(++i));
                case "count" -> {
                    count = inv.argLong(++i);
                    if (count < 1) {
                        throw new CommandError(Errors.SYNTAX);
                    }
                }
                case "type" -> type = inv.argLower(++i);
                default -> throw new CommandError(Errors.SYNTAX);
            }
        }
        GlobPattern pattern = match;
        // An unknown type name matches nothing, as in Redis; the type is checked after the walk, as Redis does.
        ValueType wanted = type == null ? null : ValueType.named(type);
        boolean anyType = type == null;
        Store.ScanPage page = inv.store().scan(cursor, (int) Math.min(count, MAX_SCAN_COUNT),
                key -> (anyType || wanted != null) && (pattern == null || pattern.matches(key)));
        List<byte[]> keys = page.keys();
        if (wanted != null) {
            keys = keys.stream().filter(k -> {
                StoredValue v = inv.store().peek(k);
                return v != null && v.is(wanted);
            }).toList();
        }
        inv.reply().array(2);
        inv.reply().bulk(Long.toUnsignedString(page.nextCursor()));
        inv.reply().array(keys.size());
        for (byte[] key : keys) {
            inv.reply().bulk(key);
        }
    }

    private static long parseCursor(byte[] text) {
        try {
            return Long.parseUnsignedLong(new String(text, java.nio.charset.StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new CommandError(Errors.INVALID_CURSOR);
        }
    }

    private static void rename(Invocation inv, boolean onlyIfAbsent) {
        byte[] source = inv.arg(1);
        byte[] target = inv.arg(2);
        StoredValue value = inv.store().peek(source);
        if (value == null) {
            throw new CommandError(Errors.NO_SUCH_KEY);
        }
        if (java.util.Arrays.equals(source, target)) {
            if (onlyIfAbsent) {
                inv.reply().integer(0);
            } else {
                inv.reply().ok();
            }
            return;
        }
        if (onlyIfAbsent && inv.store().peek(target) != null) {
            inv.reply().integer(0);
            return;
        }
        boolean creating = inv.creating(target);
        inv.store().put(target, value.type(), value.value(), value.expireAtMillis(), false);
        inv.store().delete(source);
        inv.wrote(source);
        inv.wrote(target);
        inv.created(creating, target);
        inv.notify(NotifyKeyspaceEvents.GENERIC, "rename_from", source);
        inv.notify(NotifyKeyspaceEvents.GENERIC, "rename_to", target);
        if (onlyIfAbsent) {
            inv.reply().integer(1);
        } else {
            inv.reply().ok();
        }
    }

    private static void randomkey(Invocation inv) {
        inv.reply().bulk(inv.store().randomKey());
    }

}
