package io.augur.server.command.keys;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.config.NotifyKeyspaceEvents;
import io.augur.server.store.StoredValue;

/** EXPIRE/PEXPIRE/EXPIREAT/PEXPIREAT (NX, XX, GT, LT), TTL, PTTL, EXPIRETIME, PEXPIRETIME, PERSIST. */
final class ExpireCommands {

    private ExpireCommands() {
    }

    static void register(CommandTable t) {
        t.command("expire", -3).flags("write", "fast").keys(1, 1, 1)
                .doc("generic", "1.0.0", "Sets the expiration time of a key in seconds.")
                .run(inv -> expire(inv, "expire", 1000, false));
        t.command("pexpire", -3).flags("write", "fast").keys(1, 1, 1)
                .doc("generic", "2.6.0", "Sets the expiration time of a key in milliseconds.")
                .run(inv -> expire(inv, "pexpire", 1, false));
        t.command("expireat", -3).flags("write", "fast").keys(1, 1, 1)
                .doc("generic", "1.2.0", "Sets the expiration time of a key to a Unix timestamp.")
                .run(inv -> expire(inv, "expireat", 1000, true));
        t.command("pexpireat", -3).flags("write", "fast").keys(1, 1, 1)
                .doc("generic", "2.6.0", "Sets the expiration time of a key to a Unix milliseconds timestamp.")
                .run(inv -> expire(inv, "pexpireat", 1, true));
        t.command("ttl", 2).flags("readonly", "fast").keys(1, 1, 1)
                .doc("generic", "1.0.0", "Returns the expiration time in seconds of a key.").run(inv -> ttl(inv, false));
        t.command("pttl", 2).flags("readonly", "fast").keys(1, 1, 1)
                .doc("generic", "2.6.0", "Returns the expiration time in milliseconds of a key.").run(inv -> ttl(inv, true));
        t.command("expiretime", 2).flags("readonly", "fast").keys(1, 1, 1)
                .doc("generic", "7.0.0", "Returns the expiration time of a key as a Unix timestamp.")
                .run(inv -> expireTime(inv, 1000));
        t.command("pexpiretime", 2).flags("readonly", "fast").keys(1, 1, 1)
                .doc("generic", "7.0.0", "Returns the expiration time of a key as a Unix milliseconds timestamp.")
                .run(inv -> expireTime(inv, 1));
        t.command("persist", 2).flags("write", "fast").keys(1, 1, 1)
                .doc("generic", "2.2.0", "Removes the expiration time of a key.").run(ExpireCommands::persist);
    }

    private static void expire(Invocation inv, String name, long unitMillis, boolean absolute) {
        long amount = inv.argLong(2);
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        for (int i = 3; i < inv.argc(); i++) {
            switch (inv.argLower(i)) {
                case "nx" -> nx = true;
                case "xx" -> xx = true;
                case "gt" -> gt = true;
                case "lt" -> lt = true;
                default -> throw new CommandError("ERR Unsupported option " + inv.argString(i));
            }
        }
        if (nx && (xx || gt || lt)) {
            throw new CommandError("ERR NX and XX, GT or LT options at the same time are not compatible");
        }
        if (gt && lt) {
            throw new CommandError("ERR GT and LT options at the same time are not compatible");
        }
        long when;
        try {
            when = Math.multiplyExact(amount, unitMillis);
            if (!absolute) {
                when = Math.addExact(when, inv.now());
            }
        } catch (ArithmeticException e) {
            throw new CommandError(Errors.invalidExpireTime(name));
        }
        byte[] key = inv.arg(1);
        StoredValue current = inv.store().peek(key);
        if (current == null) {
            inv.reply().integer(0);
            return;
        }
        long currentExpiry = current.expireAtMillis();
        boolean persistent = currentExpiry == 0;
        if (nx && !persistent || xx && persistent
                || gt && (persistent || when <= currentExpiry)
                || lt && !persistent && when >= currentExpiry) {
            inv.reply().integer(0);
            return;
        }
        boolean past = when <= inv.now();
        if (past) {
            inv.store().delete(key);
        } else {
            inv.store().setExpireAt(key, when);
        }
        inv.wrote(key);
        inv.notify(NotifyKeyspaceEvents.GENERIC, past ? "del" : "expire", key);
        inv.reply().integer(1);
    }

    private static void ttl(Invocation inv, boolean millis) {
        replyExpiry(inv, expireAt -> {
            long remaining = Math.max(0, expireAt - inv.now());
            return millis ? remaining : (remaining + 500) / 1000;
        });
    }

    private static void expireTime(Invocation inv, long unitMillis) {
        replyExpiry(inv, expireAt -> expireAt / unitMillis);
    }

    /** Redis's shared shape: -2 for no key, -1 for no expiry, else the expiry as {@code format} renders it. */
    private static void replyExpiry(Invocation inv, java.util.function.LongUnaryOperator format) {
        StoredValue v = inv.store().peek(inv.arg(1));
        if (v == null) {
            inv.reply().integer(-2);
        } else if (v.expireAtMillis() == 0) {
            inv.reply().integer(-1);
        } else {
            inv.reply().integer(format.applyAsLong(v.expireAtMillis()));
        }
    }

    private static void persist(Invocation inv) {
        byte[] key = inv.arg(1);
        StoredValue v = inv.store().peek(key);
        if (v == null || v.expireAtMillis() == 0) {
            inv.reply().integer(0);
            return;
        }
        inv.store().setExpireAt(key, 0);
        inv.wrote(key);
        inv.notify(NotifyKeyspaceEvents.GENERIC, "persist", key);
        inv.reply().integer(1);
    }
}
