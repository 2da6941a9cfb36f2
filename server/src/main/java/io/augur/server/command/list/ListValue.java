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

    /** Stores the list (deleting it when empty), raising no event. */
    private static void store(Invocation inv, byte[] key, List<byte[]> elements, StoredValue old) {
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
        long length = pushQuietly(inv, key, old, left, elements);
        if (old == null) {
            inv.notify(NotifyKeyspaceEvents.NEW, "new", key);
        }
        inv.notify(NotifyKeyspaceEvents.LIST, left ? "lpush" : "rpush", key);
        return length;
    }

    private static long pushQuietly(Invocation inv, byte[] key, StoredValue old, boolean left, List<byte[]> elements) {
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
        List<byte[]> popped = popQuietly(inv, key, old, left, count);
        if (!popped.isEmpty()) {
            popped(inv, key, left);
        }
        return popped;
    }

    /** The events of a pop: "lpop" or "rpop", then "del" when it emptied the list. */
    static void popped(Invocation inv, byte[] key, boolean left) {
        CollectionWrites.notifyChanged(inv, key, ValueType.LIST, left ? "lpop" : "rpop");
    }

    private static List<byte[]> popQuietly(Invocation inv, byte[] key, StoredValue old, boolean left, long count) {
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
        String pushed = toLeft ? "lpush" : "rpush";
        String popped = fromLeft ? "lpop" : "rpop";
        if (java.util.Arrays.equals(source, destination)) {
            // A rotation: the key is never empty in between, so it keeps its expiry.
            byte[] element;
            if (src.paged()) {
                element = popQuietly(inv, source, src, fromLeft, 1).get(0);
                pushQuietly(inv, source, inv.shallowPeek(source, ValueType.LIST), toLeft, List.of(element));
            } else {
                List<byte[]> list = load(src);
                element = fromLeft ? list.remove(0) : list.remove(list.size() - 1);
                list.add(toLeft ? 0 : list.size(), element);
                store(inv, source, list, src);
            }
            inv.notify(NotifyKeyspaceEvents.LIST, pushed, source);
            inv.notify(NotifyKeyspaceEvents.LIST, popped, source);
            return element;
        }
        // Redis raises the destination's push event before the source's pop (and its "del").
        byte[] element = popQuietly(inv, source, src, fromLeft, 1).get(0);
        pushQuietly(inv, destination, dst, toLeft, List.of(element));
        if (dst == null) {
            inv.notify(NotifyKeyspaceEvents.NEW, "new", destination);
        }
        inv.notify(NotifyKeyspaceEvents.LIST, pushed, destination);
        popped(inv, source, fromLeft);
        return element;
    }
}
