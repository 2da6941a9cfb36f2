package io.augur.server.store;

import net.openhft.chronicle.hash.Data;

import java.nio.ByteBuffer;

/**
 * Keys of a paged collection's page entries: {@code 0xFF 0xFF 'P', id (8 bytes), index (4 bytes)}.
 * No client can name one: a client key starting with 0xFF is stored as 0xFF, database (&lt; 255), key
 * ({@link DatabaseKeys}), and every walk of the keyspace skips 0xFF 0xFF keys (EntryMap.isMeta), so
 * SCAN, KEYS, RANDOMKEY, DBSIZE, INFO keyspace, active expiry and eviction never see a page.
 */
final class PageKeys {

    /** Third byte of a page key; the database table's key has 'a' there. */
    private static final byte PAGE = 'P';
    static final int BYTES = 15;

    private PageKeys() {
    }

    static byte[] of(long id, int index) {
        return ByteBuffer.allocate(BYTES).put(DatabaseKeys.TAG).put((byte) DatabaseKeys.META_ID).put(PAGE)
                .putLong(id).putInt(index).array();
    }

    static boolean isPage(Data<byte[]> key) {
        return key.size() == BYTES && EntryMap.isMeta(key) && key.bytes().readByte(key.offset() + 2) == PAGE;
    }

    static long id(byte[] pageKey) {
        return ByteBuffer.wrap(pageKey).getLong(3);
    }

    static int index(byte[] pageKey) {
        return ByteBuffer.wrap(pageKey).getInt(11);
    }
}
