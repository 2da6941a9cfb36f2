package io.augur.server.store;

/**
 * A live entry as read from the store.
 *
 * @param value          the value bytes
 * @param expireAtMillis absolute expiry in epoch milliseconds, 0 when the key does not expire
 * @param prefetched     loaded by the prefetcher and not read by a client before this read
 */
public record StoredValue(byte[] value, long expireAtMillis, boolean prefetched) {
}
