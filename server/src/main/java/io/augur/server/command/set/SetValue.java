package io.augur.server.command.set;

import io.augur.server.command.Invocation;
import io.augur.server.command.Numbers;
import io.augur.server.command.collection.Fields;
import io.augur.server.command.collection.Element;
import io.augur.server.store.CollectionCodec;
import io.augur.server.store.StoredValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A set decoded from its entry. Members are kept in Redis 7.0's order where Redis's is defined: a
 * set of at most 512 integers is an intset, sorted numerically; any other set keeps insertion order
 * (Redis's hashtable order is its own and no client may rely on it).
 */
final class SetValue {

    /** Redis's set-max-intset-entries: up to this many integers a set iterates in numeric order. */
    private static final int INTSET_ENTRIES = 512;

    /** A paged set's members map to nothing. */
    private static final byte[] NO_VALUE = new byte[0];

    private SetValue() {
    }

    static LinkedHashSet<Element> load(StoredValue stored) {
        LinkedHashSet<Element> members = new LinkedHashSet<>();
        if (stored != null) {
            for (byte[] m : CollectionCodec.decode(stored.value())) {
                members.add(new Element(m));
            }
        }
        return members;
    }

    /** SADD on a paged set: each new member is one page write; returns how many were added. */
    static int addPaged(Invocation inv, byte[] key, StoredValue shallow) {
        Fields members = Fields.paged(inv, key, shallow);
        int added = 0;
        for (int i = 2; i < inv.argc(); i++) {
            if (members.get(inv.arg(i)) == null) {
                members.put(inv.arg(i), NO_VALUE);
                added++;
            }
        }
        members.save("sadd");
        return added;
    }

    /** SREM on a paged set; returns how many were removed (the set is deleted when emptied). */
    static int removePaged(Invocation inv, byte[] key, StoredValue shallow) {
        Fields members = Fields.paged(inv, key, shallow);
        int removed = 0;
        for (int i = 2; i < inv.argc() && members.size() > 0; i++) {
            if (members.remove(inv.arg(i)) != null) {
                removed++;
            }
        }
        members.save("srem");
        return removed;
    }

    /** The members in the order they are stored and replied: numeric for an intset-sized set of integers. */
    static List<byte[]> ordered(Collection<Element> members) {
        List<byte[]> out = new ArrayList<>(members.size());
        if (members.size() <= INTSET_ENTRIES && members.stream().allMatch(m -> Numbers.tryParseLong(m.bytes()) != null)) {
            members.stream().sorted(Comparator.comparingLong(m -> Numbers.tryParseLong(m.bytes())))
                    .forEach(m -> out.add(m.bytes()));
        } else {
            members.forEach(m -> out.add(m.bytes()));
        }
        return out;
    }
}
