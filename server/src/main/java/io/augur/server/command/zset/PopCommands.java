package io.augur.server.command.zset;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.collection.MultiPopArguments;
import io.augur.server.command.Numbers;
import io.augur.server.command.Reply;
import io.augur.server.command.collection.BlockedClients;
import io.augur.server.command.collection.CollectionWrites;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

import java.util.ArrayList;
import java.util.List;

/** ZPOPMIN, ZPOPMAX, ZMPOP and their blocking forms BZPOPMIN, BZPOPMAX, BZMPOP. */
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
                .run(inv -> MultiPop.parse(inv, 1).popOrNull(inv));
        BlockedClients blocked = BlockedClients.of(t);
        t.command("bzpopmin", -3).flags("write", "noscript", "blocking", "fast").keys(1, -2, 1)
                .doc("sorted-set", "5.0.0", "Removes and returns the member with the lowest score from one or more sorted sets. Blocks until a member is available otherwise. Deletes the sorted set if the last element was popped.")
                .run(inv -> bzpop(inv, blocked, true));
        t.command("bzpopmax", -3).flags("write", "noscript", "blocking", "fast").keys(1, -2, 1)
                .doc("sorted-set", "5.0.0", "Removes and returns the member with the highest score from one or more sorted sets. Blocks until a member available otherwise.  Deletes the sorted set if the last element was popped.")
                .run(inv -> bzpop(inv, blocked, false));
        t.command("bzmpop", -5).flags("write", "blocking").keys(3, 3, 1)
                .doc("sorted-set", "7.0.0", "Removes and returns a member by score from one or more sorted sets. Blocks until a member is available otherwise. Deletes the sorted set if the last element was popped.")
                .run(inv -> {
                    MultiPop pop = MultiPop.parse(inv, 2);
                    long timeout = BlockedClients.timeoutMillis(inv.arg(1));
                    blocked.serveOrBlock(inv, pop.keys, timeout, pop::tryPop, Reply::nullArray, Reply::nullArray);
                });
    }

    private static void bzpop(Invocation inv, BlockedClients blocked, boolean min) {
        long timeout = BlockedClients.timeoutMillis(inv.arg(inv.argc() - 1));
        List<byte[]> keys = BlockedClients.keysBeforeTimeout(inv);
        BlockedClients.Attempt attempt = own -> {
            for (byte[] key : keys) {
                StoredValue old = own.shallowPeek(key, ValueType.ZSET);
                if (old != null) {
                    SortedSetValue.Entry e = pop(own, key, old, min, 1).get(0);
                    own.reply().array(3);
                    own.reply().bulk(key);
                    own.reply().bulk(e.member().bytes());
                    ScoreFormat.reply(own.reply(), e.score());
                    return true;
                }
            }
            return false;
        };
        blocked.serveOrBlock(inv, keys, timeout, attempt, Reply::nullArray, Reply::nullArray);
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
        StoredValue old = inv.shallowPeek(key, ValueType.ZSET);
        List<SortedSetValue.Entry> popped = old == null ? List.of() : pop(inv, key, old, min, count);
        Scores.replyEntries(inv.reply(), popped, true, counted);
    }

    /**
     * Removes up to {@code count} members from one end and stores the rest; returns them in pop order.
     * {@code old} may be shallow: a large set gives up its ends through its score order, member by
     * member, instead of being loaded and rewritten whole.
     */
    static List<SortedSetValue.Entry> pop(Invocation inv, byte[] key, StoredValue old, boolean min, long count) {
        if (old.paged()) {
            List<SortedSetValue.Entry> popped = PagedRanges.end(inv, key, old, min, count);
            MemberScores.removeAll(inv, key, old, popped, min ? "zpopmin" : "zpopmax");
            return popped;
        }
        SortedSetValue z = SortedSetValue.load(old);
        List<SortedSetValue.Entry> sorted = z.sorted();
        int n = (int) Math.min(count, sorted.size());
        List<SortedSetValue.Entry> popped = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            popped.add(sorted.get(min ? i : sorted.size() - 1 - i));
        }
        if (n > 0) {
            popped.forEach(e -> z.remove(e.member()));
            CollectionWrites.store(inv, key, ValueType.ZSET, z.encode(), old, min ? "zpopmin" : "zpopmax");
        }
        return popped;
    }

    /** ZMPOP's and BZMPOP's arguments: {@code numkeys key... MIN|MAX [COUNT n]}. */
    private static final class MultiPop {
        final List<byte[]> keys = new ArrayList<>();
        boolean min;
        long count = 1;

        static MultiPop parse(Invocation inv, int numkeysIndex) {
            MultiPopArguments args = MultiPopArguments.parse(inv, numkeysIndex, (in, i) -> {
                String where = in.argLower(i);
                if (!where.equals("min") && !where.equals("max")) {
                    throw new CommandError(Errors.SYNTAX);
                }
                return where.equals("min");
            });
            MultiPop p = new MultiPop();
            p.keys.addAll(args.keys());
            p.min = args.first();
            p.count = args.count();
            return p;
        }

        boolean tryPop(Invocation inv) {
            for (byte[] key : keys) {
                StoredValue old = inv.shallowPeek(key, ValueType.ZSET);
                if (old != null) {
                    List<SortedSetValue.Entry> popped = pop(inv, key, old, min, count);
                    inv.reply().array(2);
                    inv.reply().bulk(key);
                    inv.reply().array(popped.size());
                    for (SortedSetValue.Entry e : popped) {
                        inv.reply().array(2);
                        inv.reply().bulk(e.member().bytes());
                        ScoreFormat.reply(inv.reply(), e.score());
                    }
                    return true;
                }
            }
            return false;
        }

        void popOrNull(Invocation inv) {
            if (!tryPop(inv)) {
                inv.reply().nullArray();
            }
        }
    }
}
