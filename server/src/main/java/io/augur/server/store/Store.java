package io.augur.server.store;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The keyspace: typed values (strings and the collections, see {@link ValueType}) with optional expiry, a memory bound and eviction. Commands call it
 * from the single command thread; reads of sizes and counters are safe from any thread. The root
 * store takes keys qualified by database ({@link DatabaseKeys}); {@link #database} gives one database.
 */
public interface Store extends AutoCloseable {

    /** A page of SCAN: the cursor to continue from (0 = done) and the keys found. */
    record ScanPage(long nextCursor, List<byte[]> keys) {
    }

    /** A client read: the live entry or null; records the access; clears a prefetched mark (reported once). */
    StoredValue get(byte[] key);

    /**
     * GET's read of a key that must hold a string: as {@link #get}, but a live string's value is copied
     * into the sink's buffer (its length is what the sink was asked for) instead of a new array. On
     * WRONG_TYPE nothing is counted or changed, so the caller can fall back to {@link #get}.
     */
    StringRead readString(byte[] key, ValueSink sink);

    /** The live entry or null, without counting as an access (TYPE, TTL, EXISTS, existence checks). */
    StoredValue peek(byte[] key);

    /**
     * As {@link #get}, but a paged collection comes back without its elements: {@code paged()} is
     * true and {@code value()} is not a payload (use {@link StoredValue#pagedCount()} and the element
     * methods below). For commands that touch a few elements of a large collection.
     */
    StoredValue shallowGet(byte[] key);

    /** As {@link #peek}, shallow as {@link #shallowGet}. */
    StoredValue shallowPeek(byte[] key);

    // Element access to a paged collection (shallowPeek said paged() of the right type). Each
    // changes the pages it must and the header; a collection left empty is deleted.

    /**
     * Pushes elements one by one at the head ({@code left}) or tail of a paged list; returns the new
     * length, or -1 (nothing done) when the key holds no live paged list: the caller takes its
     * general path then, so a push to a large list reads the header once.
     */
    long listPush(byte[] key, boolean left, List<byte[]> elements);

    /** Pops up to {@code count} elements from one end of a paged list, in pop order; null as listPush's -1. */
    List<byte[]> listPop(byte[] key, boolean left, long count);

    /**
     * Elements {@code from} to {@code to} (0-based, inclusive, {@code 0 <= from <= to}) of a paged
     * list, reading only the pages they are on, walked from the nearer end (an LRANGE or LINDEX of
     * a 200,000-element list reads a few pages, not all of them); null as listPush's -1.
     */
    List<byte[]> listRange(byte[] key, long from, long to);

    /** Sets element {@code index} (0-based) of a paged list: 1, 0 when the index is outside it, -1 as listPush's. */
    int listSet(byte[] key, long index, byte[] value);

    /**
     * LINSERT on a paged list, rewriting only the pivot's page: the new length, 0 when the pivot is
     * absent, -1 as listPush's, -2 when the pivot's page is full (the caller rewrites the whole list).
     */
    long listInsert(byte[] key, byte[] pivot, byte[] element, boolean after);

    /** LREM on a paged list (count's sign picks the end, 0 removes all): how many it removed, -1 as listPush's. */
    long listRemove(byte[] key, byte[] element, long count);

    /**
     * Up to {@code count} random fields (members) of a paged hash, set or sorted set, without
     * repeats when {@code distinct}, as flat field/value pairs (a sorted set's value: its 8-byte
     * score); null when the key holds none. Fewer than asked: draw again from the whole collection.
     */
    List<byte[]> fieldRandom(byte[] key, int count, boolean distinct);

    /**
     * How many members of the paged sorted set sort below (score, member) in Redis's order (a null
     * member: after every member of that score); -1 when it holds none.
     */
    long sortedCountBelow(byte[] key, double score, byte[] member);

    /** The paged sorted set's member, 8-byte score pairs of ascending ranks {@code from..to} (within it), or null. */
    List<byte[]> sortedRange(byte[] key, long from, long to);

    /** A hash field's value, a set member's empty value or a sorted-set member's 8-byte score; null if absent. */
    byte[] fieldGet(byte[] key, byte[] field);

    /** Sets a field (adds a member); returns the previous value, null if it is new. */
    byte[] fieldPut(byte[] key, byte[] field, byte[] value);

    /** Removes a field (member); returns its value, null if it was absent. */
    byte[] fieldRemove(byte[] key, byte[] field);

    /**
     * Stores a value, evicting first if the bound requires it.
     *
     * @throws OutOfMemoryException   the bound is reached and the policy allows no eviction
     * @throws ValueTooLargeException the key or value is larger than the store accepts
     */
    default void put(byte[] key, byte[] value, long expireAtMillis, boolean prefetched) {
        put(key, ValueType.STRING, value, expireAtMillis, prefetched);
    }

    /**
     * Stores a value of any type, replacing whatever the key held (the type is the new one). A
     * collection's value is its whole payload ({@link CollectionCodec}); commands run on the one
     * command thread, so a peek, change and put of a collection is atomic per key, as INCR is.
     *
     * @throws OutOfMemoryException   the bound is reached and the policy allows no eviction
     * @throws ValueTooLargeException the key or value is larger than the store accepts
     */
    void put(byte[] key, ValueType type, byte[] value, long expireAtMillis, boolean prefetched);

    boolean delete(byte[] key);

    /**
     * MEMORY USAGE: the bytes the key's entry counts in used_memory (key, value, header, per-entry
     * overhead), or -1 when the key is absent.
     */
    default long memoryUsage(byte[] key) {
        StoredValue v = peek(key);
        return v == null ? -1 : EntryCodec.entryBytes(key.length, v.value().length + (long) EntryCodec.HEADER_BYTES);
    }

    /** OBJECT IDLETIME: seconds since the key was last read or written (approximate, as Redis's LRU clock). */
    long idleSeconds(byte[] key);

    /** OBJECT FREQ: the key's logarithmic access counter, as Redis's LFU keeps it. */
    int frequency(byte[] key);

    /** Sets (or with 0 removes) the expiry of a live key; false if there is no such key. */
    boolean setExpireAt(byte[] key, long expireAtMillis);

    long size();

    long usedMemoryBytes();

    /**
     * Corruptions the data file's recovery after an unclean stop found and repaired at this start
     * (0: none, or a clean start); an entry a crash tore is removed.
     */
    int recoveryCorruptions();

    /** Entries a crash tore in the middle of a rewrite, put back from the journal at this start. */
    int recoveryRestored();

    long expiresCount();

    void clear();

    byte[] randomKey();

    ScanPage scan(long cursor, int countHint, Predicate<byte[]> keyFilter);

    void forEachKey(Consumer<byte[]> action);

    /** Deletes expired keys for up to the given time; returns how many. */
    int activeExpireCycle(long budgetMicros);

    /**
     * Writes the collection pages the calling thread's commands rewrote and the store held back (a
     * pipelined run of pushes to one list rewrites its end page once); call before any reply leaves.
     * False when one could not be written (the store is full), and from then on until
     * {@link #settleFailureAnswered()}: the replies gathered meanwhile may acknowledge it and must not leave.
     */
    boolean settleWrites();

    /** The replies that might have acknowledged a failed held write were dropped (their connections closed). */
    void settleFailureAnswered();

    /** Whether the calling thread's commands left rewrites for {@link #settleWrites()}. */
    boolean holdsRewrites();

    long evictedKeys();

    long expiredKeys();

    /** Prefetched entries evicted before their first read under W-TinyLFU: admission refused on merit. */
    long prefetchAdmissionRefused();

    /** Bytes of prefetched keys waiting for their first read apart from W-TinyLFU's admission. */
    long prefetchStagedBytes();

    void resetStats();

    void setMaxMemory(long bytes);

    long maxMemory();

    void setPolicy(EvictionPolicy policy);

    EvictionPolicy policy();

    /** maxmemory-samples: keys the sampled policies look at per eviction, applied from the next one. */
    void setEvictionSamples(int samples);

    /** prefetch-staging: share of maxmemory for prefetched keys not read yet (W-TinyLFU policies). */
    void setPrefetchStaging(double share);

    long capacityEntries();

    /** Adds a listener told about every key the store removes on its own (eviction, expiry). */
    void addRemovalListener(RemovalListener listener);

    /**
     * One database's keyspace: its keys unqualified, size/clear/scan/random key limited to it;
     * settings, memory and counters are the whole store's.
     */
    Store database(int db);

    /** SWAPDB: two databases trade contents at once, whatever their size. */
    void swapDatabases(int a, int b);

    @Override
    void close();
}
