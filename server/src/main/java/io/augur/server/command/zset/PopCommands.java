package io.augur.server.command.zset;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.Numbers;
import io.augur.server.command.collection.CollectionWrites;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

import java.util.ArrayList;
import java.util.List;

/** ZPOPMIN, ZPOPMAX and ZMPOP (the blocking forms wait for the list family's blocking machinery). */
final class PopCommands {

    private PopCommands() {
    }

    static void register(CommandTable t) {
        t.command("zpopmin", -2).flags("write", "fast").keys(1, 1, 1)
                .doc("sorted-set", "5.0.0", "Returns the lowest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.")
                .run(inv -> zpop(inv, true));
        t.command("zpopmax", -2).flags("write", "fast").keys(1, 1, 1)
                .doc("sorted-set", "5.0.0", "Returns the highest-scoring members from a sorted set after removing them. Deletes the sorted set if the last member was popped.")
                .run(inv -> zpop(inv, false));
        t.command("zmpop", -4).flags("write").keys(2, 2, 1)
                .doc("sorted-set", "7.0.0", "Returns the highest- or lowest-scoring members from one or more sorted sets after removing them. Deletes the sorted set if the last member was popped.")
                .run(PopCommands::zmpop);
    }

    private static void zpop(Invocation inv, boolean min) {
        if (inv.argc() > 3) {
            throw new CommandError(Errors.SYNTAX);
        }
        long count = 1;
        boolean counted = inv.argc() == 3;
        if (counted) {
            count = Numbers.parseLong(inv.arg(2), "ERR value is out of range, must be positive");
            if (count < 0) {
                throw new CommandError("ERR value is out of range, must be positive");
            }
        }
        byte[] key = inv.arg(1);
        StoredValue old = inv.peek(key, ValueType.ZSET);
        List<SortedSetValue.Entry> popped = old == null ? List.of() : pop(inv, key, old, min, count);
        Scores.replyEntries(inv.reply(), popped, true, counted);
    }

    /** Removes up to {@code count} members from one end and stores the rest; returns them in pop order. */
    static List<SortedSetValue.Entry> pop(Invocation inv, byte[] key, StoredValue old, boolean min, long count) {
        SortedSetValue z = SortedSetValue.load(old);
        List<SortedSetValue.Entry> sorted = z.sorted();
        int n = (int) Math.min(count, sorted.size());
        List<SortedSetValue.Entry> popped = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            popped.add(sorted.get(min ? i : sorted.size() - 1 - i));
        }
        if (n > 0) {
            popped.forEach(e -> z.remove(e.member()));
            CollectionWrites.store(inv, key, ValueType.ZSET, z.encode(), old);
        }
        return popped;
    }

    private static void zmpop(Invocation inv) {
        long numkeys = Numbers.parseLong(inv.arg(1), "ERR numkeys should be greater than 0");
        if (numkeys < 1) {
            throw new CommandError("ERR numkeys should be greater than 0");
        }
        long whereIndex = 2 + numkeys;
        if (whereIndex >= inv.argc()) {
            throw new CommandError(Errors.SYNTAX);
        }
        String where = inv.argLower((int) whereIndex);
        if (!where.equals("min") && !where.equals("max")) {
            throw new CommandError(Errors.SYNTAX);
        }
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
        if (count == -1) {
            count = 1;
        }
        for (int i = 2; i < whereIndex; i++) {
            byte[] key = inv.arg(i);
            StoredValue old = inv.peek(key, ValueType.ZSET);
            if (old != null) {
                List<SortedSetValue.Entry> popped = pop(inv, key, old, where.equals("min"), count);
                inv.reply().array(2);
                inv.reply().bulk(key);
                inv.reply().array(popped.size());
                for (SortedSetValue.Entry e : popped) {
                    inv.reply().array(2);
                    inv.reply().bulk(e.member().bytes());
                    ScoreFormat.reply(inv.reply(), e.score());
                }
                return;
            }
        }
        inv.reply().nullArray();
    }
}
