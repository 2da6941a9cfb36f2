package io.augur.predictor.context;

import io.augur.predictor.log.AccessEvent;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the connection an access came on into the reading context whose sequence the predictor
 * learns: the connection itself, or the user (entity) inside a pooled connection, reconstructed
 * from the keys or named by the client ({@code AUGUR.CONTEXT}).
 */
public final class ReadingContexts {

    /*
     * Why: applications multiplex many users over a pool (Lettuce shares one connection for a whole
     * application), so one connection's reads interleave many users' sequences, and a successor
     * table or an LSTM fed that interleaving learns noise. The per-user order is still there in the
     * keys: KeyOwner finds the owner a key names; a key that names none (a product page) joins the
     * owner its connection read last. A client that knows better says so with a CONTEXT event
     * (AUGUR.CONTEXT <id> before its reads), which wins until the next one.
     *
     * Context ids: connection ids are small positive numbers; owner ids are hashes with the sign
     * bit set, so the two never collide.
     */

    /** How contexts are found. */
    public enum Mode {
        /** One context per connection (what a client per user gives). */
        CONNECTION,
        /** Owners from hints and keys inside each connection; a connection without any stays one context. */
        KEY;

        public static Mode parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown context mode '" + name + "' (expected: connection, key)");
            }
        }

        public String displayName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /*
     * Which <type>:<id> prefixes own a sequence is learned: a type is an owner type once one of its
     * ids is seen with two different fields (user:7:profile, user:7:cart). Keys like page:7:v, where
     * each id only ever has the one field, name an object, not a reader, and stay in their
     * connection's context (measured: treating page:N:v as owners made every read its own context
     * and the live LSTM test prefetched 5 of 30 keys instead of 16+).
     */

    /** Ids remembered per type while learning whether it owns sequences. */
    private static final int IDS_PER_TYPE = 64;
    /** Types remembered while learning. */
    private static final int MAX_TYPES = 1024;

    // WARNING: not thread-safe; the predictor thread owns it.
    /** Per type (key prefix up to the id): the field seen first for a few of its ids. */
    private final Map<String, Map<String, String>> fieldsByType = new HashMap<>();
    private final java.util.Set<String> ownerTypes = new java.util.HashSet<>();
    /** Per connection: the owner context its last owned read (or hint) named. */
    private final Map<Long, Long> currentOwner = new HashMap<>();
    /** Connections whose client named its context: the hint wins over owners found in keys. */
    private final java.util.Set<Long> hinted = new java.util.HashSet<>();
    private volatile Mode mode;

    public ReadingContexts(Mode mode) {
        this.mode = mode;
    }

    public Mode mode() {
        return mode;
    }

    public void mode(Mode value) {
        this.mode = value;
    }

    /**
     * The event as its reading context sees it (the connection id replaced by the context id), or
     * null for a CONTEXT hint, which only sets the context of the connection's next reads.
     */
    public AccessEvent resolve(AccessEvent event) {
        long connection = event.connectionId();
        switch (event.op()) {
            case CONTEXT -> {
                currentOwner.put(connection, ownerId(event.key()));
                hinted.add(connection);
                return null;
            }
            case CLOSE -> {
                currentOwner.remove(connection);
                hinted.remove(connection);
                return event;
            }
            default -> {
                long context = contextOf(connection, event.key());
                return context == connection ? event
                        : new AccessEvent(event.key(), event.op(), event.hit(), event.timeMillis(), context);
            }
        }
    }

    /** The context of a read or write of {@code key} on {@code connection}. */
    public long contextOf(long connection, byte[] key) {
        if (mode == Mode.CONNECTION) {
            return connection;
        }
        if (hinted.contains(connection)) {
            // Found by measurement: with the owner in the keys winning, a hinted user's user:7:cart
            // and its product reads went to two contexts, and the successor lost the step between.
            return currentOwner.get(connection);
        }
        byte[] owner = KeyOwner.tagOf(key);
        if (owner == null) {
            owner = ownerTypePrefix(key);
        }
        if (owner != null) {
            long id = ownerId(owner);
            currentOwner.put(connection, id);
            return id;
        }
        Long current = currentOwner.get(connection);
        return current == null ? connection : current;
    }

    /** The key's {@code <type>:<id>} when its type is known to own sequences; learns types as it goes. */
    private byte[] ownerTypePrefix(byte[] key) {
        byte[] prefix = KeyOwner.idPrefixOf(key);
        if (prefix == null) {
            return null;
        }
        String p = new String(prefix, java.nio.charset.StandardCharsets.ISO_8859_1);
        int idStart = p.lastIndexOf(':') + 1;
        String type = p.substring(0, idStart);
        if (ownerTypes.contains(type)) {
            return prefix;
        }
        String field = new String(key, prefix.length, key.length - prefix.length, java.nio.charset.StandardCharsets.ISO_8859_1);
        Map<String, String> ids = fieldsByType.get(type);
        if (ids == null) {
            if (fieldsByType.size() >= MAX_TYPES) {
                return null;
            }
            ids = new HashMap<>();
            fieldsByType.put(type, ids);
        }
        String id = p.substring(idStart);
        String first = ids.get(id);
        if (first == null) {
            if (ids.size() < IDS_PER_TYPE) {
                ids.put(id, field);
            }
            return null;
        }
        if (!first.equals(field)) {
            ownerTypes.add(type);
            fieldsByType.remove(type);
            return prefix;
        }
        return null;
    }

    /** Connections with a current owner (bounded by the connections open). */
    public int trackedConnections() {
        return currentOwner.size();
    }

    static long ownerId(byte[] owner) {
        long h = 0xcbf29ce484222325L; // FNV-1a, 64 bit: stable across runs, so replay and server agree
        for (byte b : owner) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        return h | Long.MIN_VALUE;
    }
}
