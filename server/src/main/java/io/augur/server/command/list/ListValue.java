package io.augur.server.command.list;

import io.augur.server.command.CommandError;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.collection.CollectionWrites;
import io.augur.server.config.NotifyKeyspaceEvents;
import io.augur.server.store.CollectionCodec;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

import java.util.ArrayList;
import java.util.List;

/**
 * A list decoded from its entry: the elements head first. The whole list is one entry (the
 * collection codec keeps order), so each change decodes and re-encodes it: O(n) per command.
 */
final class ListValue {

    private ListValue() {
    }

    static List<byte[]> load(StoredValue stored) {
        return stored == null ? new ArrayList<>() : new ArrayList<>(CollectionCodec.decode(stored.value()));
    }

    /** Stores the list (deleting it when empty) and raises {@code event} ("lpush", "lset", ...). */
    static void store(Invocation inv, byte[] key, List<byte[]> elements, StoredValue old, String event) {
        CollectionWrites.store(inv, key, ValueType.LIST, elements, old, event);
    }

    /** LEFT or RIGHT (any case) as "take from / put at the head"; anything else is a syntax error. */
    static boolean parseLeft(Invocation inv, int index) {
        String where = inv.argLower(index);
        if (where.equals("left")) {
            return true;
        }
        if (where.equals("right")) {
            return false;
        }
        throw new CommandError(Errors.SYNTAX);
    }

    /**
     * Removes up to {@code count} elements from one end of the list at {@code key} (which must exist
     * and be a list) and stores the rest; returns them in pop order.
     */
    static List<byte[]> pop(Invocation inv, byte[] key, StoredValue old, boolean left, long count) {
        List<byte[]> list = load(old);
        int n = (int) Math.min(count, list.size());
        List<byte[]> popped = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            popped.add(left ? list.remove(0) : list.remove(list.size() - 1));
        }
        if (n > 0) {
            store(inv, key, list, old, left ? "lpop" : "rpop");
        }
        return popped;
    }

    /**
     * LMOVE's effect once both types are checked: pops one element from {@code source} and pushes it
     * onto {@code destination} (which may be the same key); null when the source is empty.
     */
    static byte[] move(Invocation inv, byte[] source, byte[] destination, boolean fromLeft, boolean toLeft) {
        StoredValue src = inv.peek(source, ValueType.LIST);
        if (src == null) {
            return null;
        }
        StoredValue dst = inv.peek(destination, ValueType.LIST);
        String pushed = toLeft ? "lpush" : "rpush";
        String popped = fromLeft ? "lpop" : "rpop";
        if (java.util.Arrays.equals(source, destination)) {
            // A rotation: the key is never empty in between, so it keeps its expiry.
            List<byte[]> list = load(src);
            byte[] element = fromLeft ? list.remove(0) : list.remove(list.size() - 1);
            list.add(toLeft ? 0 : list.size(), element);
            store(inv, source, list, src, pushed);
            inv.notify(NotifyKeyspaceEvents.LIST, popped, source);
            return element;
        }
        // The destination first: Redis raises the push event before the pop (and the source's "del").
        List<byte[]> list = load(src);
        byte[] element = fromLeft ? list.remove(0) : list.remove(list.size() - 1);
        List<byte[]> target = load(dst);
        target.add(toLeft ? 0 : target.size(), element);
        store(inv, destination, target, dst, pushed);
        store(inv, source, list, src, popped);
        return element;
    }
}
