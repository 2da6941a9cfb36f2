package io.augur.server.command.list;

import io.augur.server.command.CommandError;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.collection.CollectionWrites;
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

    static void store(Invocation inv, byte[] key, List<byte[]> elements, StoredValue old) {
        CollectionWrites.store(inv, key, ValueType.LIST, elements, old);
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
     * Pushes elements one by one at the head ({@code left}) or tail of the list at {@code key}
     * ({@code old}: its shallow value, null when absent); returns the new length.
     */
    static long push(Invocation inv, byte[] key, StoredValue old, boolean left, List<byte[]> elements) {
        if (old != null && old.paged()) {
            long length = inv.store().listPush(key, left, elements); // still the list just peeked: one command thread
            inv.wrote(key);
            return length;
        }
        List<byte[]> list = load(old);
        if (left) {
            List<byte[]> head = new ArrayList<>(elements);
            java.util.Collections.reverse(head);
            list.addAll(0, head);
        } else {
            list.addAll(elements);
        }
        store(inv, key, list, old);
        return list.size();
    }

    /**
     * Removes up to {@code count} elements from one end of the list at {@code key} (which must exist
     * and be a list; {@code old} may be shallow) and stores the rest; returns them in pop order.
     */
    static List<byte[]> pop(Invocation inv, byte[] key, StoredValue old, boolean left, long count) {
        if (old.paged()) {
            List<byte[]> popped = inv.store().listPop(key, left, count);
            if (!popped.isEmpty()) {
                inv.wrote(key);
            }
            return popped;
        }
        List<byte[]> list = load(old);
        int n = (int) Math.min(count, list.size());
        List<byte[]> popped = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            popped.add(left ? list.remove(0) : list.remove(list.size() - 1));
        }
        if (n > 0) {
            store(inv, key, list, old);
        }
        return popped;
    }

    /**
     * LMOVE's effect once both types are checked: pops one element from {@code source} and pushes it
     * onto {@code destination} (which may be the same key); null when the source is empty.
     */
    static byte[] move(Invocation inv, byte[] source, byte[] destination, boolean fromLeft, boolean toLeft) {
        StoredValue src = inv.shallowPeek(source, ValueType.LIST);
        if (src == null) {
            return null;
        }
        StoredValue dst = inv.shallowPeek(destination, ValueType.LIST);
        if (java.util.Arrays.equals(source, destination) && src.paged()) {
            // A rotation of a paged list: it has more than one page's worth, so it never empties in between.
            byte[] element = pop(inv, source, src, fromLeft, 1).get(0);
            push(inv, source, inv.shallowPeek(source, ValueType.LIST), toLeft, List.of(element));
            return element;
        }
        if (java.util.Arrays.equals(source, destination)) {
            // A rotation: the key is never empty in between, so it keeps its expiry.
            List<byte[]> list = load(src);
            byte[] element = fromLeft ? list.remove(0) : list.remove(list.size() - 1);
            list.add(toLeft ? 0 : list.size(), element);
            store(inv, source, list, src);
            return element;
        }
        byte[] element = pop(inv, source, src, fromLeft, 1).get(0);
        push(inv, destination, dst, toLeft, List.of(element));
        return element;
    }
}
