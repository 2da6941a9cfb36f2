package io.augur.server.command.collection;

import io.augur.server.command.Invocation;
import io.augur.server.config.NotifyKeyspaceEvents;
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
     * Logs the write (access log, WATCH) and raises the keyspace events Redis raises: "new" for a
     * created key, then {@code event} ("hset", "lpush", ...), then "del" when the key went empty.
     */
    public static void store(Invocation inv, byte[] key, ValueType type, Collection<byte[]> elements, StoredValue old,
                             String event) {
        store(inv, key, type, elements, old);
        if (old == null && !elements.isEmpty()) {
            inv.notify(NotifyKeyspaceEvents.NEW, "new", key);
        }
        inv.notify(eventClass(type), event, key);
        if (old != null && elements.isEmpty()) {
            inv.notify(NotifyKeyspaceEvents.GENERIC, "del", key);
        }
    }

    /** As {@link #store(Invocation, byte[], ValueType, Collection, StoredValue, String)}, raising no event (the caller does). */
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

    /**
     * The events of a change made in place to a paged collection: {@code event}, then "del" when the
     * change emptied it (a paged collection is never new).
     */
    public static void changedInPlace(Invocation inv, byte[] key, ValueType type, String event) {
        inv.wrote(key);
        notifyChanged(inv, key, type, event);
    }

    /**
     * Raises {@code event}, then "del" when the key is gone (the change emptied the collection). The
     * lookup is shallow and only made while "del" events are on: a full peek assembled a paged
     * collection on every pop (6.8 ms per LPOP on a 100,000-element list).
     */
    public static void notifyChanged(Invocation inv, byte[] key, ValueType type, String event) {
        inv.notify(eventClass(type), event, key);
        if (inv.notifying(NotifyKeyspaceEvents.GENERIC) && inv.store().shallowPeek(key) == null) {
            inv.notify(NotifyKeyspaceEvents.GENERIC, "del", key);
        }
    }

    /**
     * Stores a collection computed by a *STORE command: replaces the destination (any type), without
     * expiry; raises {@code event} ("sinterstore", ...), or "del" when an empty result removed the key.
     */
    public static void replace(Invocation inv, byte[] key, ValueType type, Collection<byte[]> elements, String event) {
        if (elements.isEmpty()) {
            if (inv.store().delete(key)) {
                inv.notify(NotifyKeyspaceEvents.GENERIC, "del", key);
            }
            inv.wrote(key);
            return;
        }
        boolean creating = inv.creating(key);
        inv.store().put(key, type, CollectionCodec.encode(elements), 0, false);
        inv.wrote(key);
        inv.created(creating, key);
        inv.notify(eventClass(type), event, key);
    }

    /** The notify-keyspace-events class of a type's commands. */
    public static int eventClass(ValueType type) {
        return switch (type) {
            case HASH -> NotifyKeyspaceEvents.HASH;
            case LIST -> NotifyKeyspaceEvents.LIST;
            case SET -> NotifyKeyspaceEvents.SET;
            case ZSET -> NotifyKeyspaceEvents.ZSET;
            default -> NotifyKeyspaceEvents.STRING;
        };
    }
}
