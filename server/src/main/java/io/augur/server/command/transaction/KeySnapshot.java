package io.augur.server.command.transaction;

import io.augur.server.store.StoredValue;

import java.util.Arrays;

/**
 * What a watched key looked like at WATCH time: absent, or its expiry and a digest of its value.
 * EXEC compares it with the key now to catch changes no command reported.
 */
record KeySnapshot(boolean exists, long expireAtMillis, int length, int valueHash, int type) {

    /*
     * Why a snapshot besides the touches from command writes: expiry and eviction remove keys inside
     * the store, and prefetch or read-through fill absent keys from the origin, all without a command.
     * Existence catches each of them (a fill only ever stores an absent key). A key evicted and
     * filled again with the very same value and expiry before EXEC is not seen: the transaction then
     * reads exactly what it watched, which is what optimistic locking protects.
     */

    static KeySnapshot of(StoredValue value) {
        if (value == null) {
            return new KeySnapshot(false, 0, 0, 0, -1);
        }
        byte[] bytes = value.value();
        return new KeySnapshot(true, value.expireAtMillis(), bytes.length, Arrays.hashCode(bytes), value.type().ordinal());
    }
}
