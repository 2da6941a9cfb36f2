package io.augur.server.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which physical key prefix holds each logical database (SWAPDB swaps two table slots, O(1)),
 * persisted in the map's own metadata entry; opening a file from before databases migrates it.
 */
final class DatabaseTable {

    /*
     * Why an indirection table: SWAPDB must not move keys. Stored keys carry the physical id;
     * clients, the access log and the predictor use logical ids. The table is 255 bytes inside one
     * reserved entry (key 0xFF 0xFF ...) written through the same map as the data, so it survives
     * a crash exactly as the keys do and a copied augur.dat carries it along.
     *
     * Migration: a file without the entry was written before databases existed; all its keys are
     * database 0. Only keys starting with 0xFF collide with the prefix: they are rewritten as
     * 0xFF 0x00 key (one pass over the file, once), then the entry is written.
     */

    static final byte[] META_KEY = metaKey();
    private static final byte[] MAGIC = "augur-db-table/1".getBytes(StandardCharsets.US_ASCII);

    private final EntryMap map;
    private final int[] physical = new int[DatabaseKeys.MAX_DATABASES];
    private final int[] logical = new int[DatabaseKeys.MAX_DATABASES];
    private volatile boolean identity = true;
    private final int migratedKeys;

    private DatabaseTable(EntryMap map, byte[] stored) {
        this.map = map;
        for (int i = 0; i < physical.length; i++) {
            physical[i] = i;
        }
        if (stored != null) {
            for (int i = 0; i < physical.length; i++) {
                physical[i] = stored[MAGIC.length + i] & 0xFF;
            }
            migratedKeys = 0;
        } else {
            migratedKeys = migrateLegacyKeys(map);
        }
        reindex();
        if (stored == null) {
            persist();
        }
    }

    /** Reads the table from the map, migrating an old file (and writing the table) when there is none. */
    static DatabaseTable open(EntryMap map) {
        StoredValue meta = map.read(META_KEY);
        byte[] stored = meta != null && isTable(meta.value()) ? meta.value() : null;
        return new DatabaseTable(map, stored);
    }

    /** How many old database 0 keys this open rewrote (0 for a file that already had databases). */
    int migratedKeys() {
        return migratedKeys;
    }

    /** The stored form of a logically qualified key; the same array while no SWAPDB has happened. */
    byte[] toPhysical(byte[] qualified) {
        if (identity) {
            return qualified;
        }
        return DatabaseKeys.move(qualified, physical[DatabaseKeys.database(qualified)]);
    }

    /** The logically qualified form of a stored key. */
    byte[] toLogical(byte[] stored) {
        if (identity) {
            return stored;
        }
        return DatabaseKeys.move(stored, logical[DatabaseKeys.database(stored)]);
    }

    int physical(int db) {
        return physical[db];
    }

    /** SWAPDB: the two databases trade their keys by trading table slots; the table is written at once. */
    void swap(int a, int b) {
        int t = physical[a];
        physical[a] = physical[b];
        physical[b] = t;
        reindex();
        persist();
    }

    /** After FLUSHALL: the map lost the entry with everything else. */
    void persist() {
        byte[] payload = Arrays.copyOf(MAGIC, MAGIC.length + physical.length);
        for (int i = 0; i < physical.length; i++) {
            payload[MAGIC.length + i] = (byte) physical[i];
        }
        map.write(META_KEY, EntryCodec.encode(payload, 0, false));
    }

    private void reindex() {
        boolean same = true;
        for (int i = 0; i < physical.length; i++) {
            logical[physical[i]] = i;
            same &= physical[i] == i;
        }
        identity = same;
    }

    private static boolean isTable(byte[] value) {
        return value.length == MAGIC.length + DatabaseKeys.MAX_DATABASES
                && Arrays.equals(value, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    private static int migrateLegacyKeys(EntryMap map) {
        List<byte[]> colliding = new ArrayList<>();
        map.forEachRaw((k, v) -> {
            if (k.size() > 0 && k.bytes().readByte(k.offset()) == DatabaseKeys.TAG) {
                colliding.add(EntryMap.copyOf(k));
            }
            return true;
        });
        for (byte[] key : colliding) {
            byte[] raw = map.remove(key);
            if (raw != null) {
                map.write(DatabaseKeys.qualify(0, key), raw);
            }
        }
        return colliding.size();
    }

    private static byte[] metaKey() {
        byte[] name = "augur:databases".getBytes(StandardCharsets.US_ASCII);
        byte[] key = new byte[name.length + 2];
        key[0] = DatabaseKeys.TAG;
        key[1] = (byte) DatabaseKeys.META_ID;
        System.arraycopy(name, 0, key, 2, name.length);
        return key;
    }
}
