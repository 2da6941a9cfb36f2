package io.augur.server.command.collection;

import io.augur.server.command.CommandError;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.keys.GlobPattern;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;

/**
 * HSCAN, SSCAN, ZSCAN: the cursor and MATCH/COUNT options, and the reply. A collection lives in
 * one entry, so one call returns all of it with cursor 0, as Redis does for its compact encodings
 * (COUNT is a hint Redis ignores there too); the SCAN guarantees hold trivially.
 */
public final class ElementScan {

    private ElementScan() {
    }

    /** Parses the cursor at argument 2 ("ERR invalid cursor"), checked before the key is looked up, as Redis. */
    public static void checkCursor(Invocation inv) {
        try {
            Long.parseUnsignedLong(new String(inv.arg(2), StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new CommandError(Errors.INVALID_CURSOR);
        }
    }

    /** The MATCH filter from the options after the cursor (everything passes without one); checks COUNT. */
    public static Predicate<byte[]> matcher(Invocation inv) {
        GlobPattern match = null;
        for (int i = 3; i < inv.argc(); i += 2) {
            String option = inv.argLower(i);
            if (i + 1 >= inv.argc()) {
                throw new CommandError(Errors.SYNTAX);
            }
            if (option.equals("count")) {
                if (inv.argLong(i + 1) < 1) {
                    throw new CommandError(Errors.SYNTAX);
                }
            } else if (option.equals("match")) {
                match = new GlobPattern(inv.arg(i + 1));
            } else {
                throw new CommandError(Errors.SYNTAX);
            }
        }
        GlobPattern pattern = match;
        return pattern == null ? e -> true : pattern::matches;
    }

    /** The reply: cursor 0 and the elements found (pairs flattened). */
    public static void reply(Invocation inv, List<byte[]> found) {
        inv.reply().array(2);
        inv.reply().bulk("0");
        inv.reply().array(found.size());
        for (byte[] e : found) {
            inv.reply().bulk(e);
        }
    }

    /** A key that does not exist scans as empty. */
    public static void replyEmpty(Invocation inv) {
        reply(inv, List.of());
    }
}
