package io.augur.server.command.list;

import io.augur.server.command.CommandError;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.Numbers;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

import java.util.ArrayList;
import java.util.List;

/** LMPOP's and BLMPOP's arguments ({@code numkeys key... LEFT|RIGHT [COUNT n]}) and their pop. */
record MultiPop(List<byte[]> keys, boolean left, long count) {

    /** Parses from the numkeys argument at {@code numkeysIndex}, with Redis's checks in Redis's order. */
    static MultiPop parse(Invocation inv, int numkeysIndex) {
        long numkeys = Numbers.parseLong(inv.arg(numkeysIndex), "ERR numkeys should be greater than 0");
        if (numkeys < 1) {
            throw new CommandError("ERR numkeys should be greater than 0");
        }
        long whereIndex = numkeysIndex + 1 + numkeys;
        if (whereIndex >= inv.argc()) {
            throw new CommandError(Errors.SYNTAX);
        }
        boolean left = ListValue.parseLeft(inv, (int) whereIndex);
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
        return new MultiPop(keys, left, count == -1 ? 1 : count);
    }

    /** Pops from the first non-empty list and replies {@code [key, [elements]]}; false (nothing written) when all are empty. */
    boolean tryPop(Invocation inv) {
        for (byte[] key : keys) {
            StoredValue old = inv.peek(key, ValueType.LIST);
            if (old != null) {
                List<byte[]> popped = ListValue.pop(inv, key, old, left, count);
                inv.reply().array(2);
                inv.reply().bulk(key);
                ListCommands.replyElements(inv.reply(), popped);
                return true;
            }
        }
        return false;
    }

    /** LMPOP: the pop, or a null array when every list is empty. */
    void popOrNull(Invocation inv) {
        if (!tryPop(inv)) {
            inv.reply().nullArray();
        }
    }
}
