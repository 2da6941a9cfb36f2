package io.augur.server.command.collection;

import io.augur.server.command.CommandError;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.Numbers;

import java.util.ArrayList;
import java.util.List;

/**
 * The arguments LMPOP/BLMPOP and ZMPOP/BZMPOP share: {@code numkeys key... WHERE [COUNT n]}, checked
 * in Redis's order (numkeys, then the where word, then COUNT).
 *
 * @param keys  the keys, in order
 * @param first the where word names the first end (LEFT, MIN)
 * @param count elements to pop (1 unless COUNT)
 */
public record MultiPopArguments(List<byte[]> keys, boolean first, long count) {

    /** Reads the where word at an index: true for the first end; throws the command's error otherwise. */
    @FunctionalInterface
    public interface Where {
        boolean first(Invocation inv, int index);
    }

    /** Parses from the numkeys argument at {@code numkeysIndex}. */
    public static MultiPopArguments parse(Invocation inv, int numkeysIndex, Where where) {
        long numkeys = Numbers.parseLong(inv.arg(numkeysIndex), "ERR numkeys should be greater than 0");
        if (numkeys < 1) {
            throw new CommandError("ERR numkeys should be greater than 0");
        }
        long whereIndex = numkeysIndex + 1 + numkeys;
        if (whereIndex >= inv.argc()) {
            throw new CommandError(Errors.SYNTAX);
        }
        boolean first = where.first(inv, (int) whereIndex);
        long count = -1;
        for (int j = (int) whereIndex + 1; j < inv.argc(); j++) {
            if (count == -1 && inv.argLower(j).equals("count") && j + 1 < inv.argc()) {
                count = Numbers.parseLong(inv.arg(++j), "ERR count should be greater than 0");
                if (count < 1) {
                    throw new CommandError("ERR count should be greater than 0");
                }
            } else {
                throw new CommandError(Errors.SYNTAX);
            }
        }
        List<byte[]> keys = new ArrayList<>();
        for (int i = numkeysIndex + 1; i < whereIndex; i++) {
            keys.add(inv.arg(i));
        }
        return new MultiPopArguments(keys, first, count == -1 ? 1 : count);
    }
}
