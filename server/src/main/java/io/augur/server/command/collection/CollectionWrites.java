package io.augur.server.command.collection;

import io.augur.server.command.Invocation;
import io.augur.server.store.CollectionCodec;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

import java.util.Collection;

/** Stores a collection a command changed, with the rules every collection type shares. */
public final class CollectionWrites {

    private CollectionWrites() {
    }

    /**
     * Stores the collection's elements as the key's new value, keeping the expiry of {@code old}
     * (null for a new key); an empty collection deletes the key, as Redis never keeps empty ones.
     * Logs the write (access log, WATCH, notifications).
     */
    public static void store(Invocation inv, byte[] key, ValueType type, Collection<byte[]> elements, StoredValue old) {
        if (elements.isEmpty()) {
            if (old != null) {
                inv.store().delete(key);
            }
        } else {
            inv.store().put(key, type, CollectionCodec.encode(elements), old == null ? 0 : old.expireAtMillis(), false);
        }
        inv.wrote(key);
    }

    /** Stores a collection computed by a *STORE command: replaces the destination (any type), without expiry. */
    public static void replace(Invocation inv, byte[] key, ValueType type, Collection<byte[]> elements) {
        if (elements.isEmpty()) {
            inv.store().delete(key);
        } else {
            inv.store().put(key, type, CollectionCodec.encode(elements), 0, false);
        }
        inv.wrote(key);
    }
}
