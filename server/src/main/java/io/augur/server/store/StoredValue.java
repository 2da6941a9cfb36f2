package io.augur.server.store;

/**
 * A live entry as read from the store.
 *
 * @param value          the value bytes (for a collection, its {@link CollectionCodec} payload)
 * @param expireAtMillis absolute expiry in epoch milliseconds, 0 when the key does not expire
 * @param prefetched     loaded by the prefetcher and not read by a client before this read
 * @param type           what kind of value the key holds
 * @param paged          a collection kept in pages (its value here is assembled from them)
 */
public record StoredValue(byte[] value, long expireAtMillis, boolean prefetched, ValueType type, boolean paged) {

    public StoredValue(byte[] value, long expireAtMillis, boolean prefetched, ValueType type) {
        this(value, expireAtMillis, prefetched, type, false);
    }

    /** A string entry. */
    public StoredValue(byte[] value, long expireAtMillis, boolean prefetched) {
        this(value, expireAtMillis, prefetched, ValueType.STRING);
    }

    /** Elements of a paged collection read shallow (its value is the header: count at bytes 16-23, little-endian). */
    public long pagedCount() {
        return java.nio.ByteBuffer.wrap(value).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(16);
    }

    public boolean is(ValueType expected) {
        return type == expected;
    }
}
