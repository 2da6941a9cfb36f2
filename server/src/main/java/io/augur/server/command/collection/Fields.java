package io.augur.server.command.collection;

import io.augur.server.command.Invocation;
import io.augur.server.store.StoredValue;

/**
 * A hash, set or sorted set seen field by field (member → empty value for a set, → 8-byte score for
 * a sorted set), whatever its encoding: commands that touch a few fields use this, so a paged
 * collection changes one page per field instead of being decoded and rewritten whole.
 */
public interface Fields {

    /** The field's value, or null. */
    byte[] get(byte[] field);

    /** Sets the field; returns the previous value, null when it is new. */
    byte[] put(byte[] field, byte[] value);

    /** Removes the field; returns its value, null when it was absent. */
    byte[] remove(byte[] field);

    long size();

    /**
     * Stores what changed (a compact collection is rewritten, a paged one already is), logs the write
     * and raises the keyspace events of a change: {@code event} ("hset", "sadd", ...), after "new"
     * for a created key and before "del" for an emptied one. Nothing changed: nothing happens.
     */
    void save(String event);

    /** A paged collection's fields, changed in place through the store. */
    static Fields paged(Invocation inv, byte[] key, StoredValue shallow) {
        return new Fields() {
            private long size = shallow.pagedCount();
            private boolean changed;

            @Override
            public byte[] get(byte[] field) {
                return inv.store().fieldGet(key, field);
            }

            @Override
            public byte[] put(byte[] field, byte[] value) {
                byte[] previous;
                try {
                    previous = inv.store().fieldPut(key, field, value);
                } catch (RuntimeException refused) {
                    if (changed) {
                        inv.wrote(key); // fields set before this one stay set (each is its own page write): WATCH must see them
                    }
                    throw refused;
                }
                size += previous == null ? 1 : 0;
                changed = true;
                return previous;
            }

            @Override
            public byte[] remove(byte[] field) {
                byte[] previous = inv.store().fieldRemove(key, field);
                if (previous != null) {
                    size--;
                    changed = true;
                }
                return previous;
            }

            @Override
            public long size() {
                return size;
            }

            @Override
            public void save(String event) {
                if (changed) {
                    changed = false;
                    CollectionWrites.changedInPlace(inv, key, shallow.type(), event);
                }
            }
        };
    }
}
