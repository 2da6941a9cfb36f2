package io.augur.server.command.hash;

import io.augur.server.command.Invocation;
import io.augur.server.command.collection.CollectionWrites;
import io.augur.server.command.collection.Element;
import io.augur.server.command.collection.Fields;
import io.augur.server.store.CollectionCodec;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A hash decoded from its entry: fields in insertion order (the order Redis's listpack keeps for
 * small hashes, so HGETALL answers in the same order), stored as alternating field and value.
 */
final class HashValue {

    private HashValue() {
    }

    /** The fields of a stored hash, or an empty map for an absent key. */
    static LinkedHashMap<Element, byte[]> load(StoredValue stored) {
        LinkedHashMap<Element, byte[]> fields = new LinkedHashMap<>();
        if (stored == null) {
            return fields;
        }
        List<byte[]> elements = CollectionCodec.decode(stored.value());
        for (int i = 0; i + 1 < elements.size(); i += 2) {
            fields.put(new Element(elements.get(i)), elements.get(i + 1));
        }
        return fields;
    }

    /** The hash at {@code key} field by field ({@code old}: its shallow value, null when absent). */
    static Fields open(Invocation inv, byte[] key, StoredValue old) {
        if (old != null && old.paged()) {
            return Fields.paged(inv, key, old);
        }
        LinkedHashMap<Element, byte[]> fields = load(old);
        return new Fields() {
            private boolean changed;

            @Override
            public byte[] get(byte[] field) {
                return fields.get(new Element(field));
            }

            @Override
            public byte[] put(byte[] field, byte[] value) {
                changed = true;
                return fields.put(new Element(field), value);
            }

            @Override
            public byte[] remove(byte[] field) {
                byte[] previous = fields.remove(new Element(field));
                changed |= previous != null;
                return previous;
            }

            @Override
            public long size() {
                return fields.size();
            }

            @Override
            public void save(String event) {
                if (changed) {
                    changed = false;
                    CollectionWrites.store(inv, key, ValueType.HASH, flatten(fields), old, event);
                }
            }
        };
    }

    /** Field, value, field, value… for the codec and for HGETALL/HSCAN. */
    static List<byte[]> flatten(Map<Element, byte[]> fields) {
        List<byte[]> out = new ArrayList<>(fields.size() * 2);
        for (Map.Entry<Element, byte[]> e : fields.entrySet()) {
            out.add(e.getKey().bytes());
            out.add(e.getValue());
        }
        return out;
    }
}
