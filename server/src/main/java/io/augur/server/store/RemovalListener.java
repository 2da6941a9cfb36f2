package io.augur.server.store;

/** Told about entries the store removed on its own (eviction, expiry); not about DEL or overwrite. */
@FunctionalInterface
public interface RemovalListener {

    /** Why the store removed an entry. */
    enum Cause { EVICTED, EXPIRED }

    void onRemoved(byte[] key, StoredValue value, Cause cause);
}
