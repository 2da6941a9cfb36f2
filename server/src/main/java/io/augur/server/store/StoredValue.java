package io.augur.server.store;

/**
 * A live entry as read from the store.
 *
 * @param value          the value bytes (for a collection, its {@link CollectionCodec} payload)
 * @param expireAtMillis absolute expiry in epoch milliseconds, 0 when the key does not expire
 * @param prefetched     loaded by the prefetcher and not read by a client before this read
 * @param type           what kind of value the key holds
 */
public record StoredValue(byte[] value, long expireAtMillis, boolean prefetched, ValueType type) {

    /** A string entry. */
    public StoredValue(byte[] value, long expireAtMillis, boolean prefetched) {
        this(value, expireAtMillis, prefetched, ValueType.STRING);
    }

    public boolean is(ValueType expected) {
        return type == expected;
    }
}
