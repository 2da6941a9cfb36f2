package io.augur.server.command.list;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.Numbers;
import io.augur.server.command.Reply;
import io.augur.server.command.collection.CollectionWrites;
import io.augur.server.config.NotifyKeyspaceEvents;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;

/** The list family's non-blocking commands: pushes, pops, ranges, edits, LPOS, LMOVE, LMPOP. */
public final class ListCommands {

    private static final String POSITIVE = "ERR value is out of range, must be positive";

    private ListCommands() {
    }

    /** Registers the list commands, the blocking ones included (they share the waiting-client registry). */
    public static void register(CommandTable t) {
        t.command("lpush", -3).flags("write", "denyoom", "fast").keys(1, 1, 1)
                .doc("list", "1.0.0", "Prepends one or more elements to a list. Creates the key if it doesn't exist.")
                .run(inv -> push(inv, true, false));
        t.command("rpush", -3).flags("write", "denyoom", "fast").keys(1, 1, 1)
                .doc("list", "1.0.0", "Appends one or more elements to a list. Creates the key if it doesn't exist.")
                .run(inv -> push(inv, false, false));
        t.command("lpushx", -3).flags("write", "denyoom", "fast").keys(1, 1, 1)
                .doc("list", "2.2.0", "Prepends one or more elements to a list only when the list exists.")
                .run(inv -> push(inv, true, true));
        t.command("rpushx", -3).flags("write", "denyoom", "fast").keys(1, 1, 1)
                .doc("list", "2.2.0", "Appends an element to a list only when the list exists.")
                .run(inv -> push(inv, false, true));
        t.command("lpop", -2).flags("write", "fast").keys(1, 1, 1)
                .doc("list", "1.0.0", "Returns the first elements in a list after removing it. Deletes the list if the last element was popped.")
                .run(inv -> pop(inv, true));
        t.command("rpop", -2).flags("write", "fast").keys(1, 1, 1)
                .doc("list", "1.0.0", "Returns and removes the last elements of a list. Deletes the list if the last element was popped.")
                .run(inv -> pop(inv, false));
        t.command("llen", 2).flags("readonly", "fast").keys(1, 1, 1)
                .doc("list", "1.0.0", "Returns the length of a list.").run(ListCommands::llen);
        t.command("lrange", 4).flags("readonly").keys(1, 1, 1)
                .doc("list", "1.0.0", "Returns a range of elements from a list.").run(ListCommands::lrange);
        t.command("lindex", 3).flags("readonly").keys(1, 1, 1)
                .doc("list", "1.0.0", "Returns an element from a list by its index.").run(ListCommands::lindex);
        t.command("lset", 4).flags("write", "denyoom").keys(1, 1, 1)
                .doc("list", "1.0.0", "Sets the value of an element in a list by its index.").run(ListCommands::lset);
        t.command("linsert", 5).flags("write", "denyoom").keys(1, 1, 1)
                .doc("list", "2.2.0", "Inserts an element before or after another element in a list.").run(ListCommands::linsert);
        t.command("lrem", 4).flags("write").keys(1, 1, 1)
                .doc("list", "1.0.0", "Removes elements from a list. Deletes the list if the last element was removed.").run(ListCommands::lrem);
        t.command("ltrim", 4).flags("write").keys(1, 1, 1)
                .doc("list", "1.0.0", "Removes elements from both ends a list. Deletes the list if all elements were trimmed.")
                .run(ListCommands::ltrim);
        t.command("lpos", -3).flags("readonly").keys(1, 1, 1)
                .doc("list", "6.0.6", "Returns the index of matching elements in a list.").run(ListCommands::lpos);
        t.command("lmove", 5).flags("write", "denyoom").keys(1, 2, 1)
                .doc("list", "6.2.0", "Returns an element after popping it from one list and pushing it to another. Deletes the list if the last element was moved.")
                .run(inv -> lmove(inv, ListValue.parseLeft(inv, 3), ListValue.parseLeft(inv, 4)));
        t.command("rpoplpush", 3).flags("write", "denyoom").keys(1, 2, 1)
                .doc("list", "1.2.0", "Returns the last element of a list after removing and pushing it to another list. Deletes the list if the last element was popped.")
                .run(inv -> lmove(inv, false, true));
        t.command("lmpop", -4).flags("write").keys(2, 2, 1)
                .doc("list", "7.0.0", "Returns multiple elements from a list after removing them. Deletes the list if the last element was popped.")
                .run(inv -> MultiPop.parse(inv, 1).popOrNull(inv));
        BlockingCommands.register(t);
    }

    private static void push(Invocation inv, boolean left, boolean onlyExisting) {
        byte[] key = inv.arg(1);
        List<byte[]> pushed = new ArrayList<>(inv.argc() - 2);
        for (int i = 2; i < inv.argc(); i++) {
            pushed.add(inv.arg(i));
        }
        long length = inv.store().listPush(key, left, pushed); // a large list: straight to its end page
        if (length >= 0) {
            inv.wrote(key);
            inv.notify(NotifyKeyspaceEvents.LIST, left ? "lpush" : "rpush", key);
            inv.reply().integer(length);
            return;
        }
        StoredValue old = inv.shallowPeek(key, ValueType.LIST);
        if (old == null && onlyExisting) {
            inv.reply().integer(0);
            return;
        }
        inv.reply().integer(ListValue.push(inv, key, old, left, pushed));
    }

    private static void pop(Invocation inv, boolean left) {
        if (inv.argc() > 3) {
            throw new CommandError(Errors.wrongArity(left ? "lpop" : "rpop"));
        }
        boolean counted = inv.argc() == 3;
        long count = 1;
        if (counted) {
            count = Numbers.parseLong(inv.arg(2), POSITIVE);
            if (count < 0) {
                throw new CommandError(POSITIVE);
            }
        }
        byte[] key = inv.arg(1);
        Reply reply = inv.reply();
        List<byte[]> fromPages = inv.store().listPop(key, left, count); // a large list: straight to its end page
        if (fromPages != null) {
            if (!fromPages.isEmpty()) {
                inv.wrote(key);
                ListValue.popped(inv, key, left);
            }
            if (counted) {
                replyElements(reply, fromPages);
            } else {
                reply.bulk(fromPages.get(0));
            }
            return;
        }
        StoredValue old = inv.shallowPeek(key, ValueType.LIST);
        if (old == null) {
            if (counted) {
                reply.nullArray();
            } else {
                reply.nullBulk();
            }
            return;
        }
        List<byte[]> popped = ListValue.pop(inv, key, old, left, count);
        if (counted) {
            replyElements(reply, popped);
        } else {
            reply.bulk(popped.get(0));
        }
    }

    static void replyElements(Reply reply, List<byte[]> elements) {
        reply.array(elements.size());
        for (byte[] e : elements) {
            reply.bulk(e);
        }
    }

    private static void llen(Invocation inv) {
        StoredValue stored = inv.shallowRead(inv.arg(1), ValueType.LIST);
        inv.reply().integer(stored != null && stored.paged() ? stored.pagedCount() : ListValue.load(stored).size());
    }

    private static void lrange(Invocation inv) {
        long start = inv.argLong(2);
        long stop = inv.argLong(3);
        StoredValue stored = inv.shallowRead(inv.arg(1), ValueType.LIST);
        if (stored != null && stored.paged()) { // a large list: only the pages the range is on
            int[] range = range(start, stop, sizeOf(stored));
            replyElements(inv.reply(), range == null ? List.of() : pagedRange(inv, range[0], range[1]));
            return;
        }
        List<byte[]> list = ListValue.load(stored);
        int[] range = range(start, stop, list.size());
        replyElements(inv.reply(), range == null ? List.of() : list.subList(range[0], range[1] + 1));
    }

    private static int sizeOf(StoredValue paged) {
        return (int) Math.min(paged.pagedCount(), Integer.MAX_VALUE);
    }

    /** Elements from..to of the paged list at the command's key, read a page at a time. */
    private static List<byte[]> pagedRange(Invocation inv, long from, long to) {
        List<byte[]> elements = inv.store().listRange(inv.arg(1), from, to);
        return elements == null ? List.of() : elements; // null: it expired after the read that found it
    }

    /** Redis's index range over a list of {@code size}: negative indexes count from the tail; null when empty. */
    private static int[] range(long start, long stop, int size) {
        if (start < 0) {
            start = Math.max(0, start + size);
        }
        if (stop < 0) {
            stop += size;
        }
        if (start > stop || start >= size) {
            return null;
        }
        return new int[] {(int) start, (int) Math.min(stop, size - 1)};
    }

    private static void lindex(Invocation inv) {
        StoredValue stored = inv.shallowRead(inv.arg(1), ValueType.LIST);
        if (stored == null) {
            inv.reply().nullBulk();
            return;
        }
        if (stored.paged()) {
            long index = inv.argLong(2);
            index = index < 0 ? index + stored.pagedCount() : index;
            List<byte[]> at = index < 0 || index >= stored.pagedCount() ? List.of() : pagedRange(inv, index, index);
            if (at.isEmpty()) {
                inv.reply().nullBulk();
            } else {
                inv.reply().bulk(at.get(0));
            }
            return;
        }
        List<byte[]> list = ListValue.load(stored);
        long index = inv.argLong(2);
        index = index < 0 ? index + list.size() : index;
        if (index < 0 || index >= list.size()) {
            inv.reply().nullBulk();
        } else {
            inv.reply().bulk(list.get((int) index));
        }
    }

    private static void lset(Invocation inv) {
        byte[] key = inv.arg(1);
        StoredValue shallow = inv.shallowPeek(key, ValueType.LIST);
        if (shallow != null && shallow.paged()) { // a large list: the one page the index is on
            long index = inv.argLong(2);
            index = index < 0 ? index + shallow.pagedCount() : index;
            if (inv.store().listSet(key, index, inv.arg(3)) <= 0) {
                throw new CommandError("ERR index out of range");
            }
            inv.wrote(key);
            inv.notify(NotifyKeyspaceEvents.LIST, "lset", key);
            inv.reply().ok();
            return;
        }
        StoredValue old = inv.peek(key, ValueType.LIST);
        if (old == null) {
            throw new CommandError(Errors.NO_SUCH_KEY);
        }
        List<byte[]> list = ListValue.load(old);
        long index = inv.argLong(2);
        index = index < 0 ? index + list.size() : index;
        if (index < 0 || index >= list.size()) {
            throw new CommandError("ERR index out of range");
        }
        list.set((int) index, inv.arg(3));
        ListValue.store(inv, key, list, old, "lset");
        inv.reply().ok();
    }

    private static void linsert(Invocation inv) {
        String where = inv.argLower(2);
        if (!where.equals("before") && !where.equals("after")) {
            throw new CommandError(Errors.SYNTAX);
        }
        byte[] key = inv.arg(1);
        StoredValue shallow = inv.shallowPeek(key, ValueType.LIST);
        if (shallow != null && shallow.paged()) { // a large list: only the pivot's page, unless it is full
            long length = inv.store().listInsert(key, inv.arg(3), inv.arg(4), where.equals("after"));
            if (length != -2) {
                if (length > 0) {
                    inv.wrote(key);
                    inv.notify(NotifyKeyspaceEvents.LIST, "linsert", key);
                }
                inv.reply().integer(length > 0 ? length : length == 0 ? -1 : 0);
                return;
            }
        }
        StoredValue old = inv.peek(key, ValueType.LIST);
        if (old == null) {
            inv.reply().integer(0);
            return;
        }
        List<byte[]> list = ListValue.load(old);
        byte[] pivot = inv.arg(3);
        for (int i = 0; i < list.size(); i++) {
            if (Arrays.equals(list.get(i), pivot)) {
                list.add(where.equals("before") ? i : i + 1, inv.arg(4));
                ListValue.store(inv, key, list, old, "linsert");
                inv.reply().integer(list.size());
                return;
            }
        }
        inv.reply().integer(-1);
    }

    private static void lrem(Invocation inv) {
        long count = inv.argLong(2);
        byte[] key = inv.arg(1);
        StoredValue shallow = inv.shallowPeek(key, ValueType.LIST);
        if (shallow != null && shallow.paged()) { // a large list: page by page, only changed pages rewritten
            long removed = Math.max(0, inv.store().listRemove(key, inv.arg(3), count));
            if (removed > 0) {
                inv.wrote(key);
                CollectionWrites.notifyChanged(inv, key, ValueType.LIST, "lrem");
            }
            inv.reply().integer(removed);
            return;
        }
        StoredValue old = inv.peek(key, ValueType.LIST);
        if (old == null) {
            inv.reply().integer(0);
            return;
        }
        List<byte[]> list = ListValue.load(old);
        byte[] element = inv.arg(3);
        long limit = count == 0 ? Long.MAX_VALUE : Math.abs(count);
        int removed = 0;
        if (count >= 0) {
            for (int i = 0; i < list.size() && removed < limit; ) {
                if (Arrays.equals(list.get(i), element)) {
                    list.remove(i);
                    removed++;
                } else {
                    i++;
                }
            }
        } else {
            for (int i = list.size() - 1; i >= 0 && removed < limit; i--) {
                if (Arrays.equals(list.get(i), element)) {
                    list.remove(i);
                    removed++;
                }
            }
        }
        if (removed > 0) {
            ListValue.store(inv, key, list, old, "lrem");
        }
        inv.reply().integer(removed);
    }

    private static void ltrim(Invocation inv) {
        long start = inv.argLong(2);
        long stop = inv.argLong(3);
        byte[] key = inv.arg(1);
        StoredValue shallow = inv.shallowPeek(key, ValueType.LIST);
        if (shallow != null && shallow.paged()) { // a large list: pages leave from its ends, the rest stays
            long size = shallow.pagedCount();
            int[] range = range(start, stop, sizeOf(shallow));
            long head = range == null ? size : range[0];
            long tail = range == null ? 0 : size - 1 - range[1];
            if (head > 0) {
                inv.store().listPop(key, true, head);
            }
            if (tail > 0) {
                inv.store().listPop(key, false, tail);
            }
            if (head + tail > 0) {
                inv.wrote(key);
            }
            CollectionWrites.notifyChanged(inv, key, ValueType.LIST, "ltrim"); // Redis raises it even when nothing was trimmed
            inv.reply().ok();
            return;
        }
        StoredValue old = inv.peek(key, ValueType.LIST);
        if (old != null) {
            List<byte[]> list = ListValue.load(old);
            int[] range = range(start, stop, list.size());
            List<byte[]> kept = range == null ? List.of() : list.subList(range[0], range[1] + 1);
            if (kept.size() != list.size()) {
                ListValue.store(inv, key, kept, old, "ltrim");
            } else {
                inv.notify(NotifyKeyspaceEvents.LIST, "ltrim", key); // Redis raises it even when nothing was trimmed
            }
        }
        inv.reply().ok();
    }

    /** Elements a large list's LPOS reads first; each further block is twice the last. */
    private static final int LPOS_FIRST_BLOCK = 256;

    private static void lpos(Invocation inv) {
        long rank = 1;
        long count = -1;
        long maxlen = 0;
        for (int j = 3; j < inv.argc(); j++) {
            String option = inv.argLower(j);
            boolean more = j + 1 < inv.argc();
            if (option.equals("rank") && more) {
                rank = inv.argLong(++j);
                if (rank == Long.MIN_VALUE) {
                    throw new CommandError("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
                }
                if (rank == 0) {
                    throw new CommandError("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... "
                            + "or use negative to start from the end of the list");
                }
            } else if (option.equals("count") && more) {
                count = nonNegative(inv.arg(++j), "ERR COUNT can't be negative");
            } else if (option.equals("maxlen") && more) {
                maxlen = nonNegative(inv.arg(++j), "ERR MAXLEN can't be negative");
            } else {
                throw new CommandError(Errors.SYNTAX);
            }
        }
        StoredValue stored = inv.shallowRead(inv.arg(1), ValueType.LIST);
        if (stored == null) {
            if (count != -1) {
                inv.reply().array(0);
            } else {
                inv.reply().nullBulk();
            }
            return;
        }
        byte[] element = inv.arg(2);
        boolean fromHead = rank > 0;
        long skip = Math.abs(rank) - 1;
        long wanted = count == -1 ? 1 : count == 0 ? Long.MAX_VALUE : count;
        List<Long> matches = new java.util.ArrayList<>();
        List<byte[]> list = stored.paged() ? List.of() : ListValue.load(stored);
        long size = stored.paged() ? stored.pagedCount() : list.size();
        long limit = maxlen == 0 ? Long.MAX_VALUE : maxlen;
        // A large list is read in blocks from the end the scan starts at, each twice the last, so
        // a match near that end (or a small MAXLEN) reads a few pages, and a whole scan every page about twice.
        long blockStart = 0;
        int block = LPOS_FIRST_BLOCK;
        for (long scanned = 0; scanned < size && scanned < limit && matches.size() < wanted; scanned++) {
            if (stored.paged() && scanned == blockStart + list.size()) {
                blockStart = scanned;
                long last = Math.min(size - 1, scanned + block - 1);
                list = fromHead ? pagedRange(inv, scanned, last) : pagedRange(inv, size - 1 - last, size - 1 - scanned);
                block = (int) Math.min(Integer.MAX_VALUE / 2, 2L * block);
                if (list.isEmpty()) {
                    break; // it expired after the read that found it
                }
            }
            long index = fromHead ? scanned : size - 1 - scanned;
            int at = (int) (stored.paged() ? (fromHead ? scanned - blockStart : list.size() - 1 - (scanned - blockStart)) : index);
            if (Arrays.equals(list.get(at), element)) {
                if (skip > 0) {
                    skip--;
                } else {
                    matches.add(index);
                }
            }
        }
        if (count == -1) {
            if (matches.isEmpty()) {
                inv.reply().nullBulk();
            } else {
                inv.reply().integer(matches.get(0));
            }
            return;
        }
        inv.reply().array(matches.size());
        matches.forEach(inv.reply()::integer);
    }

    private static long nonNegative(byte[] text, String error) {
        long value = Numbers.parseLong(text, error);
        if (value < 0) {
            throw new CommandError(error);
        }
        return value;
    }

    private static void lmove(Invocation inv, boolean fromLeft, boolean toLeft) {
        byte[] element = ListValue.move(inv, inv.arg(1), inv.arg(2), fromLeft, toLeft);
        if (element == null) {
            inv.reply().nullBulk();
        } else {
            inv.reply().bulk(element);
        }
    }
}
