package io.augur.server.command.zset;

import io.augur.server.command.Invocation;
import io.augur.server.command.collection.CollectionWrites;
import io.augur.server.command.collection.Element;
import io.augur.server.command.collection.Fields;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A sorted set's member → score view for commands that touch a few members (ZADD, ZINCRBY, ZREM,
 * ZSCORE, ZCARD): a compact set is decoded and rewritten on save, a paged one changes one page per
 * member and is never sorted here.
 */
abstract class MemberScores {

    abstract Double score(Element member);

    /** Sets a score (adding the member if new); -0 is kept as 0 in a compact set, as Redis's listpack does. */
    abstract void put(Element member, double score);

    abstract boolean remove(Element member);

    abstract long size();

    /** Stores what changed and logs the write. */
    /** Stores what changed and raises {@code event} as {@link Fields#save} does. */
    abstract void save(String event);

    /** Removes these members of the sorted set at {@code key} one by one and raises {@code event}. */
    static void removeAll(Invocation inv, byte[] key, StoredValue shallow, List<SortedSetValue.Entry> doomed, String event) {
        MemberScores members = open(inv, key, shallow);
        doomed.forEach(e -> members.remove(e.member()));
        members.save(event);
    }

    /** The sorted set at {@code key} ({@code old}: its shallow value, null when absent). */
    static MemberScores open(Invocation inv, byte[] key, StoredValue old) {
        return old != null && old.paged() ? new Paged(Fields.paged(inv, key, old)) : new Compact(inv, key, old);
    }

    private static final class Compact extends MemberScores {
        private final Invocation inv;
        private final byte[] key;
        private final StoredValue old;
        private final SortedSetValue z;
        private boolean changed;

        Compact(Invocation inv, byte[] key, StoredValue old) {
            this.inv = inv;
            this.key = key;
            this.old = old;
            this.z = SortedSetValue.load(old);
        }

        @Override
        Double score(Element member) {
            return z.score(member);
        }

        @Override
        void put(Element member, double score) {
            z.put(member, score);
            changed = true;
        }

        @Override
        boolean remove(Element member) {
            boolean removed = z.remove(member);
            changed |= removed;
            return removed;
        }

        @Override
        long size() {
            return z.size();
        }

        @Override
        void save(String event) {
            if (changed) {
                changed = false;
                CollectionWrites.store(inv, key, ValueType.ZSET, z.encode(), old, event);
            }
        }
    }

    private static final class Paged extends MemberScores {
        private final Fields fields;

        Paged(Fields fields) {
            this.fields = fields;
        }

        @Override
        Double score(Element member) {
            byte[] stored = fields.get(member.bytes());
            return stored == null ? null : ByteBuffer.wrap(stored).getDouble();
        }

        @Override
        void put(Element member, double score) {
            // -0 stays -0 here: Redis keeps it in a skiplist-encoded set (only its listpack form writes "0").
            fields.put(member.bytes(), ByteBuffer.allocate(Double.BYTES).putDouble(score).array());
        }

        @Override
        boolean remove(Element member) {
            return fields.size() > 0 && fields.remove(member.bytes()) != null;
        }

        @Override
        long size() {
            return fields.size();
        }

        @Override
        void save(String event) {
            fields.save(event);
        }
    }
}
