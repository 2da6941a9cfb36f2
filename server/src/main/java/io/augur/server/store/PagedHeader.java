package io.augur.server.store;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The payload of a paged collection's header entry (the entry at the client's key, flagged paged):
 * where its pages are and what they hold. Lists: pages {@code first..last}; hashes, sets and sorted
 * sets: linear-hashing buckets {@code 0 .. 2^level + split - 1}.
 *
 * @param pageBytes bytes of all its page entries as used_memory counts them
 * @param id        random id naming its pages ({@link PageKeys}); a new one for every whole rewrite
 * @param count     elements (list elements, hash fields, set or sorted-set members)
 * @param a         list: index of the head page; hashed: level
 * @param b         list: index of the tail page; hashed: split pointer
 * @param ordered   sorted set: entries of its score order ({@link SortedPages}: pages and index), 0
 *                  when it has none (a header written before the order existed: 32 bytes); list:
 *                  {@link #ENDS_APART} when count and page bytes leave out the two end pages (as
 *                  stored since 2026-12-02, see {@link PagedCollections}), 0 when they count every page
 */
record PagedHeader(long pageBytes, long id, long count, int a, int b, int ordered) {

    /** Payload bytes of a header. */
    static final int BYTES = 36;
    /** A list's {@code ordered}: its count and page bytes are those of the pages between its ends only. */
    static final int ENDS_APART = -1;
    /** Where {@code ordered} sits in the payload. */
    private static final int ORDERED_OFFSET = 32;

    PagedHeader(long pageBytes, long id, long count, int a, int b) {
        this(pageBytes, id, count, a, b, 0);
    }

    byte[] encode() {
        return ByteBuffer.allocate(BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(pageBytes).putLong(id).putLong(count).putInt(a).putInt(b).putInt(ordered).array();
    }

    static PagedHeader decode(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN);
        return new PagedHeader(in.getLong(), in.getLong(), in.getLong(), in.getInt(), in.getInt(),
                payload.length >= BYTES ? in.getInt() : 0);
    }

    PagedHeader with(long newPageBytes, long newCount, int newA, int newB) {
        return new PagedHeader(newPageBytes, id, newCount, newA, newB, ordered);
    }

    /** This header after a change of its score order's entries. */
    PagedHeader plus(SortedPages.Change change) {
        return new PagedHeader(pageBytes + change.bytes(), id, count, a, b, ordered + change.entries());
    }

    // ---- hashed layout (linear hashing: Litwin 1980) ----

    /** Buckets in use: 2^level + split. */
    int buckets() {
        return (1 << a) + b;
    }

    /** The bucket a hash falls in under this header. */
    int bucketOf(long hash) {
        int low = (int) (hash & ((1L << a) - 1));
        return low < b ? (int) (hash & ((1L << (a + 1)) - 1)) : low;
    }

    // ---- list layout ----

    int pages() {
        return b - a + 1;
    }

    /** A list header as stored, whose count and page bytes leave out its end pages'. */
    boolean endsApart() {
        return ordered == ENDS_APART;
    }

    /** {@link #endsApart()} of a header's payload at {@code offset} in {@code bytes}, read in place. */
    static boolean endsApart(byte[] bytes, int offset) {
        int at = offset + ORDERED_OFFSET;
        return bytes.length >= at + Integer.BYTES
                && ByteBuffer.wrap(bytes, at, Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).getInt() == ENDS_APART;
    }

    /** This list header with count and bytes moved by the given amounts, marked (or not) as counting its ends apart. */
    PagedHeader listCounts(long bytesDelta, long countDelta, boolean apart) {
        return new PagedHeader(pageBytes + bytesDelta, id, count + countDelta, a, b, apart ? ENDS_APART : 0);
    }
}
