package io.augur.server.command;

import io.augur.server.store.ValueTooLargeException;

/**
 * The store's cap on one value (max-value-size), checked by commands that grow a value from a
 * client-given offset (SETRANGE, SETBIT, BITFIELD) before they allocate it: an offset near
 * proto-max-bulk-len would otherwise build a 512 MB array on a 256 MB heap only for the store to refuse it.
 */
public final class ValueLimit {

    private ValueLimit() {
    }

    /** Throws the store's "value too large" error when a value of {@code length} bytes could not be stored. */
    public static void checkStorable(Invocation inv, long length) {
        long max = inv.server().config().maxValueBytes();
        if (length > max) {
            throw new ValueTooLargeException("value of " + length + " bytes (max-value-size " + max + ")");
        }
    }
}
