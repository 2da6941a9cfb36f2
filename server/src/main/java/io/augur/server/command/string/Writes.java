package io.augur.server.command.string;

import io.augur.server.command.CommandError;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.config.NotifyKeyspaceEvents;

/** Stores a value on behalf of a command, with the checks every string write shares. */
final class Writes {

    private Writes() {
    }

    /**
     * Stores the value (an absolute expiry in the past deletes the key, as Redis does), logs the
     * write and raises the command's keyspace event ("set", "append", "incrby", ...).
     */
    static void put(Invocation inv, byte[] key, byte[] value, long expireAtMillis, String event) {
        boolean creating = inv.creating(key);
        if (!creating && inv.notifying(NotifyKeyspaceEvents.EXPIRED)) {
            inv.store().peek(key); // an expired key it replaces raises "expired" first, as in Redis (a lookup costs a read)
        }
        if (expireAtMillis != 0 && expireAtMillis <= inv.now()) {
            inv.store().delete(key);
        } else {
            inv.store().put(key, value, expireAtMillis, false);
        }
        inv.wrote(key);
        inv.created(creating, key);
        inv.notify(NotifyKeyspaceEvents.STRING, event, key);
    }

    /** SET and SETEX with an expiry: "set", then "expire", as Redis raises them. */
    static void putExpiring(Invocation inv, byte[] key, byte[] value, long expireAtMillis) {
        if (expireAtMillis == 0 || expireAtMillis > inv.now()) {
            put(inv, key, value, expireAtMillis, "set");
            if (expireAtMillis != 0) {
                inv.notify(NotifyKeyspaceEvents.GENERIC, "expire", key);
            }
            return;
        }
        // SET ... PXAT <past>: Redis 7 stores the key and raises "set" and "expire"; the next lookup
        // or expiry cycle removes it with "expired", as any expired key.
        boolean creating = inv.creating(key);
        inv.store().put(key, value, expireAtMillis, false);
        inv.wrote(key);
        inv.created(creating, key);
        inv.notify(NotifyKeyspaceEvents.STRING, "set", key);
        inv.notify(NotifyKeyspaceEvents.GENERIC, "expire", key);
    }

    /** APPEND and SETRANGE may not grow a string past proto-max-bulk-len. */
    static void checkLength(Invocation inv, long length) {
        if (length > inv.server().config().protoMaxBulkLen()) {
            throw new CommandError(Errors.STRING_TOO_LONG);
        }
    }
}
