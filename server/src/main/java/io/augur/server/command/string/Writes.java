package io.augur.server.command.string;

import io.augur.server.command.CommandError;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;

/** Stores a value on behalf of a command, with the checks every string write shares. */
final class Writes {

    private Writes() {
    }

    /** Stores the value (an absolute expiry in the past deletes the key, as Redis does) and logs the write. */
    static void put(Invocation inv, byte[] key, byte[] value, long expireAtMillis) {
        if (expireAtMillis != 0 && expireAtMillis <= inv.now()) {
            inv.store().delete(key);
        } else {
            inv.store().put(key, value, expireAtMillis, false);
        }
        inv.wrote(key);
    }

    /** APPEND and SETRANGE may not grow a string past proto-max-bulk-len. */
    static void checkLength(Invocation inv, long length) {
        if (length > inv.server().config().protoMaxBulkLen()) {
            throw new CommandError(Errors.STRING_TOO_LONG);
        }
    }
}
