package io.augur.server.command.collection;

import io.augur.server.command.Invocation;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

import java.util.ArrayList;
import java.util.List;

/**
 * Random elements of a large (paged) hash, set or sorted set for HRANDFIELD, SRANDMEMBER, SPOP and
 * ZRANDMEMBER: drawn from random buckets, so the command reads about one page per element instead
 * of loading the whole collection (one such command on a 100,000-field hash held every other
 * client for the whole load).
 */
public final class RandomDraw {

    private RandomDraw() {
    }

    /**
     * |count| random field/value pairs (flat) of the collection read shallow at {@code key},
     * distinct for a positive count; null when it is no large collection (absent or compact), when
     * |count| is above half of it (distinct draws would keep repeating), or when the draws fell
     * short: the caller then picks from {@link #whole}.
     */
    public static List<byte[]> pairs(Invocation inv, byte[] key, StoredValue shallow, long count) {
        long n = Math.abs(count);
        if (shallow == null || !shallow.paged() || n == 0 || n > shallow.pagedCount() / 2) {
            return null;
        }
        List<byte[]> drawn = inv.store().fieldRandom(key, (int) n, count > 0);
        return drawn != null && drawn.size() == 2 * n ? drawn : null;
    }

    /**
     * The whole collection to pick from when {@link #pairs} gave none: the shallow read itself when
     * compact (or absent), else loaded whole, uncounted (the shallow read was the command's read).
     */
    public static StoredValue whole(Invocation inv, byte[] key, ValueType type, StoredValue shallow) {
        return shallow == null || !shallow.paged() ? shallow : inv.peek(key, type);
    }

    /** The fields of flat field/value pairs (null stays null). */
    public static List<byte[]> fields(List<byte[]> pairs) {
        if (pairs == null) {
            return null;
        }
        List<byte[]> fields = new ArrayList<>(pairs.size() / 2);
        for (int i = 0; i < pairs.size(); i += 2) {
            fields.add(pairs.get(i));
        }
        return fields;
    }
}
