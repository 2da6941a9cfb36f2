package io.augur.server.command.list;

import io.augur.server.command.Invocation;
import io.augur.server.command.collection.MultiPopArguments;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

import java.util.List;

/** LMPOP's and BLMPOP's arguments ({@code numkeys key... LEFT|RIGHT [COUNT n]}) and their pop. */
record MultiPop(List<byte[]> keys, boolean left, long count) {

    /** Parses from the numkeys argument at {@code numkeysIndex}, with Redis's checks in Redis's order. */
    static MultiPop parse(Invocation inv, int numkeysIndex) {
        MultiPopArguments args = MultiPopArguments.parse(inv, numkeysIndex, ListValue::parseLeft);
        return new MultiPop(args.keys(), args.first(), args.count());
    }

    /** Pops from the first non-empty list and replies {@code [key, [elements]]}; false (nothing written) when all are empty. */
    boolean tryPop(Invocation inv) {
        for (byte[] key : keys) {
            StoredValue old = inv.shallowPeek(key, ValueType.LIST);
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
