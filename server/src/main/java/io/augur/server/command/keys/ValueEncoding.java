package io.augur.server.command.keys;

import io.augur.server.command.Numbers;
import io.augur.server.store.CollectionCodec;
import io.augur.server.store.StoredValue;

import java.util.List;

/**
 * OBJECT ENCODING: the name Redis 7.0 would give the value's representation at its default
 * thresholds, so clients and tests that branch on it see the same answer. Augur's own encoding is
 * the compact entry of {@link CollectionCodec} whatever the name.
 */
final class ValueEncoding {

    /** Redis's hash-max-listpack-entries and zset-max-listpack-entries. */
    private static final int LISTPACK_ENTRIES = 128;
    /** Redis's hash-max-listpack-value and zset-max-listpack-value, in bytes. */
    private static final int LISTPACK_VALUE_BYTES = 64;
    /** Redis's set-max-intset-entries. */
    private static final int INTSET_ENTRIES = 512;
    /** Strings up to this many bytes are embedded in their object header (embstr). */
    private static final int EMBSTR_BYTES = 44;

    private ValueEncoding() {
    }

    static String of(StoredValue value) {
        byte[] bytes = value.value();
        return switch (value.type()) {
            case STRING -> bytes.length <= 20 && Numbers.tryParseLong(bytes) != null ? "int"
                    : bytes.length <= EMBSTR_BYTES ? "embstr" : "raw";
            case HASH -> small(CollectionCodec.decode(bytes), 1) ? "listpack" : "hashtable";
            case ZSET -> small(CollectionCodec.decode(bytes), 2) ? "listpack" : "skiplist";
            case SET -> intset(CollectionCodec.decode(bytes)) ? "intset" : "hashtable";
            case LIST -> "quicklist"; // Redis 7.0 keeps every list in a quicklist
        };
    }

    /** At most 128 entries, every element checked (all of a hash, members of a sorted set) at most 64 bytes. */
    private static boolean small(List<byte[]> elements, int step) {
        if (elements.size() / 2 > LISTPACK_ENTRIES) {
            return false;
        }
        for (int i = 0; i < elements.size(); i += step) {
            if (elements.get(i).length > LISTPACK_VALUE_BYTES) {
                return false;
            }
        }
        return true;
    }

    private static boolean intset(List<byte[]> members) {
        if (members.size() > INTSET_ENTRIES) {
            return false;
        }
        for (byte[] m : members) {
            if (Numbers.tryParseLong(m) == null) {
                return false;
            }
        }
        return true;
    }
}
