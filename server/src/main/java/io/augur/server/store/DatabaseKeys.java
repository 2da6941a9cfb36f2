package io.augur.server.store;

import java.util.Arrays;

/**
 * A key qualified by its database: database 0 keys as they are, others as {@code 0xFF, db, key}.
 * The root {@link Store}, the access log and the predictor all see qualified keys.
 */
public final class DatabaseKeys {

    /*
     * Why this encoding: database 0 is what almost every client uses and what data files written
     * before databases existed hold, so its keys cost nothing (no prefix, no copy) and old files
     * open as database 0. Other databases pay two bytes per key and one copy per command. The one
     * ambiguity, a database 0 key that itself starts with 0xFF, is escaped as 0xFF 0x00 key;
     * StoreMigration rewrites such keys when it opens a file from before databases.
     */

    /** First byte of a qualified key outside database 0 (or of an escaped database 0 key). */
    static final byte TAG = (byte) 0xFF;
    /** Database ids are one byte; 255 is reserved for the store's own metadata entry. */
    public static final int MAX_DATABASES = 255;
    /** Second byte of the store's metadata key: never a database id. */
    static final int META_ID = 255;

    private DatabaseKeys() {
    }

    /** The key as the root store and the predictor see it; the same array for most database 0 keys. */
    public static byte[] qualify(int db, byte[] key) {
        if (db == 0 && (key.length == 0 || key[0] != TAG)) {
            return key;
        }
        byte[] qualified = new byte[key.length + 2];
        qualified[0] = TAG;
        qualified[1] = (byte) db;
        System.arraycopy(key, 0, qualified, 2, key.length);
        return qualified;
    }

    /** The database of a qualified key. */
    public static int database(byte[] qualified) {
        return isTagged(qualified) ? qualified[1] & 0xFF : 0;
    }

    /** The client's key inside its database (what the origin is asked for). */
    public static byte[] key(byte[] qualified) {
        return isTagged(qualified) ? Arrays.copyOfRange(qualified, 2, qualified.length) : qualified;
    }

    /** The same key in another database. */
    static byte[] move(byte[] qualified, int db) {
        return database(qualified) == db ? qualified : qualify(db, key(qualified));
    }

    static boolean isTagged(byte[] key) {
        return key.length >= 2 && key[0] == TAG;
    }
}
