package io.augur.server.command.keys;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.config.NotifyKeyspaceEvents;
import io.augur.server.command.Numbers;
import io.augur.server.store.Store;
import io.augur.server.store.StoredValue;

import java.util.Arrays;

/** The commands that reach across databases: MOVE, COPY (with DB), SWAPDB. SELECT is a connection command. */
public final class DatabaseCommands {

    static final String SAME_OBJECT = "ERR source and destination objects are the same";

    private DatabaseCommands() {
    }

    public static void register(CommandTable t) {
        t.command("move", 3).flags("write", "fast").keys(1, 1, 1)
                .doc("generic", "1.0.0", "Moves a key to another database.").run(DatabaseCommands::move);
        t.command("copy", -3).flags("write").keys(1, 2, 1)
                .doc("generic", "6.2.0", "Copies the value of a key to a new key.").run(DatabaseCommands::copy);
        t.command("swapdb", 3).flags("write", "fast")
                .doc("server", "4.0.0", "Swaps two Redis databases.").run(DatabaseCommands::swapdb);
    }

    private static void move(Invocation inv) {
        byte[] key = inv.arg(1);
        int target = database(inv, Numbers.parseLong(inv.arg(2), Errors.NOT_INTEGER));
        if (target == inv.client().db()) {
            throw new CommandError(SAME_OBJECT);
        }
        StoredValue value = inv.store().peek(key);
        Store destination = inv.server().store().database(target);
        if (value == null || destination.peek(key) != null) {
            inv.reply().integer(0);
            return;
        }
        destination.put(key, value.type(), value.value(), value.expireAtMillis(), false);
        inv.store().delete(key);
        inv.wrote(key);
        inv.wrote(target, key);
        inv.notify(NotifyKeyspaceEvents.NEW, "new", target, key);
        inv.notify(NotifyKeyspaceEvents.GENERIC, "move_from", key);
        inv.notify(NotifyKeyspaceEvents.GENERIC, "move_to", target, key);
        inv.reply().integer(1);
    }

    private static void copy(Invocation inv) {
        byte[] source = inv.arg(1);
        byte[] target = inv.arg(2);
        int db = inv.client().db();
        boolean replace = false;
        for (int i = 3; i < inv.argc(); i++) {
            String option = inv.argLower(i);
            if (option.equals("replace")) {
                replace = true;
            } else if (option.equals("db") && i + 1 < inv.argc()) {
                db = database(inv, Numbers.parseLong(inv.arg(++i), Errors.NOT_INTEGER));
            } else {
                throw new CommandError(Errors.SYNTAX);
            }
        }
        if (db == inv.client().db() && Arrays.equals(source, target)) {
            throw new CommandError(SAME_OBJECT);
        }
        StoredValue value = inv.store().peek(source);
        Store destination = inv.server().store().database(db);
        if (value == null || (!replace && destination.peek(target) != null)) {
            inv.reply().integer(0);
            return;
        }
        boolean creating = inv.notifying(NotifyKeyspaceEvents.NEW) && destination.peek(target) == null;
        destination.put(target, value.type(), value.value(), value.expireAtMillis(), false);
        inv.wrote(db, target);
        if (creating) {
            inv.notify(NotifyKeyspaceEvents.NEW, "new", db, target);
        }
        inv.notify(NotifyKeyspaceEvents.GENERIC, "copy_to", db, target);
        inv.reply().integer(1);
    }

    private static void swapdb(Invocation inv) {
        long a = Numbers.parseLong(inv.arg(1), "ERR invalid first DB index");
        long b = Numbers.parseLong(inv.arg(2), "ERR invalid second DB index");
        int first = database(inv, a);
        int second = database(inv, b);
        if (first != second) {
            inv.server().store().swapDatabases(first, second);
        }
        inv.reply().ok();
    }

    private static int database(Invocation inv, long index) {
        if (index < 0 || index >= inv.server().config().databases()) {
            throw new CommandError(Errors.DB_OUT_OF_RANGE);
        }
        return (int) index;
    }
}
