package io.augur.server.store;

import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.map.MapSegmentContext;
import net.openhft.chronicle.map.impl.CompiledMapQueryContext;

import java.util.function.Consumer;
import java.util.function.LongPredicate;
import java.util.function.UnaryOperator;

/**
 * The Chronicle Map of encoded entries, reached only through query and segment contexts, so each
 * operation locks once and reads the header in place instead of copying whole values.
 */
final class EntryMap implements AutoCloseable {

    private final ChronicleMap<byte[], byte[]> map;
    /** Every in-place rewrite of an existing entry goes through it, so a crash in its middle loses nothing. */
    private final ReplaceJournal journal;
    /*
     * Collections as last written: paged collections' headers and pages (writeRaw), and small
     * compact collections, so the next command on the collection reads them back without a query:
     * an LPUSH or HSET reads its header and page (or its compact value) and rewrites them. Strings
     * are not kept: a SET never reads back, and a copy per SET is not free.
     * WARNING: every change of an entry must forget its key here before it, under the key's lock.
     */
    private final RecentWrites recent = new RecentWrites();
    /** Compact collections up to this size are kept in {@link #recent} (each write copies them). */
    private static final int KEPT_COLLECTION_BYTES = 4096;
    /** Page rewrites the command thread holds until its replies leave ({@link #rewriteLater}, {@link #settle}). */
    private final DeferredRewrites deferred = new DeferredRewrites();
    /** A held rewrite failed and the replies that may acknowledge it were not yet dropped; the command thread's own. */
    private boolean heldWriteFailed;
    private volatile long heldWriteFailures;

    EntryMap(ChronicleMap<byte[], byte[]> map, ReplaceJournal journal) {
        this.map = map;
        this.journal = journal;
    }

    /**
     * Puts back the rewrites a crash tore (their entries failed the checksum and the map's recovery
     * removed them); returns how many. Runs before anything reads the map.
     */
    int restoreTornRewrites() {
        int restored = 0;
        for (ReplaceJournal.Pending p : journal.pending()) {
            try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(p.key())) {
                context.updateLock().lock();
                if (context.entry() == null) {
                    context.absentEntry().doInsert(context.wrapValueAsData(p.bytes()));
                    restored++;
                }
            }
        }
        journal.settle();
        return restored;
    }

    /** Replaces the present entry's value in place, journaled; the caller holds the update lock. */
    private void replace(ExternalMapQueryContext<byte[], byte[], ?> context, MapEntry<byte[], byte[]> entry,
                         byte[] key, byte[] bytes) {
        Data<byte[]> data = context.wrapValueAsData(bytes);
        int stripe = journal.begin(key, bytes);
        try {
            entry.doReplaceValue(data);
            storeChecksumNow(context);
        } finally {
            journal.end(stripe);
        }
    }

    /**
     * Computes and stores the entry's checksum now, so the journal record ends only after the entry
     * is whole again. Chronicle's public {@code ChecksumEntry.updateChecksum()} only marks the
     * checksum due when the context closes, which left a crash between the record's end and the
     * close with a done record and an entry failing its checksum (removed by recovery, not put back).
     */
    static void storeChecksumNow(ExternalMapQueryContext<byte[], byte[], ?> context) {
        CompiledMapQueryContext<?, ?, ?> compiled = (CompiledMapQueryContext<?, ?, ?>) context;
        compiled.updateChecksum(); // marks it due (and checks the lock) ...
        compiled.closeDelayedUpdateChecksum(); // ... and stores it: the close then has nothing left to do
    }

    /** What a write replaced: the old stored size and expiry, and its bytes when it was a paged collection's header. */
    record Previous(long storedBytes, long expireAtMillis, byte[] pagedHeader) {
    }

    /** An entry seen while iterating: its key (a fresh copy) and expiry. */
    record KeyAndExpiry(byte[] key, long expireAtMillis) {
    }

    /** A visitor of entries in place; the data must not be kept past the call. */
    @FunctionalInterface
    interface EntryVisitor {
        /** Returns false to stop. */
        boolean visit(Data<byte[]> key, Data<byte[]> value);
    }

    /** The entry as stored (expired or not), or null. */
    StoredValue read(byte[] key) {
        byte[] kept = heldOrKept(key);
        if (kept != null) {
            return EntryCodec.decode(kept);
        }
        try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(key)) {
            context.readLock().lock();
            MapEntry<byte[], byte[]> entry = context.entry();
            return entry == null ? null : EntryCodec.decode(entry.value());
        }
    }

    /**
     * A string entry's value copied from the map into the sink's buffer under the read lock, with no
     * array of its own; an expired entry or one of another type is reported, not copied.
     */
    StringRead readString(byte[] key, long nowMillis, ValueSink sink) {
        byte[] kept = heldOrKept(key); // collections only: a string is never held nor kept
        if (kept != null) {
            return Expiry.isExpired(EntryCodec.expiry(kept), nowMillis) ? StringRead.EXPIRED : StringRead.WRONG_TYPE;
        }
        try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(key)) {
            context.readLock().lock();
            MapEntry<byte[], byte[]> entry = context.entry();
            if (entry == null) {
                return StringRead.ABSENT;
            }
            Data<byte[]> stored = entry.value();
            if (Expiry.isExpired(EntryCodec.expiry(stored), nowMillis)) {
                return StringRead.EXPIRED;
            }
            if (EntryCodec.type(stored) != ValueType.STRING) {
                return StringRead.WRONG_TYPE;
            }
            int length = (int) stored.size() - EntryCodec.HEADER_BYTES;
            stored.bytes().read(stored.offset() + EntryCodec.HEADER_BYTES, sink.buffer(length), 0, length);
            return EntryCodec.prefetched(stored) ? StringRead.HIT_PREFETCHED : StringRead.HIT;
        }
    }

    /** Stored size of the entry's value (header included, and a paged collection's pages), or -1 when absent. */
    long storedBytes(byte[] key) {
        byte[] held = held(key);
        if (held != null) {
            return EntryCodec.valueBytes(held);
        }
        try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(key)) {
            context.readLock().lock();
            MapEntry<byte[], byte[]> entry = context.entry();
            return entry == null ? -1 : EntryCodec.valueBytes(entry.value());
        }
    }

    /**
     * Inserts or replaces in place; returns what was replaced, or null for an insert. A compact
     * collection's bytes are kept as its last write ({@link RecentWrites}): never change them afterwards.
     *
     * @throws IllegalArgumentException the entry does not fit a segment
     * @throws IllegalStateException    the map is full
     */
    Previous write(byte[] key, byte[] encoded) {
        Previous held = holdCompactRewrite(key, encoded);
        if (held != null) {
            return held;
        }
        supersede(key);
        try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(key)) {
            context.updateLock().lock();
            recent.forget(key);
            MapEntry<byte[], byte[]> entry = context.entry();
            Previous previous = null;
            if (entry == null) {
                context.absentEntry().doInsert(context.wrapValueAsData(encoded));
            } else {
                Data<byte[]> old = entry.value();
                previous = new Previous(old.size(), EntryCodec.expiry(old), EntryCodec.paged(old) ? copyOf(old) : null);
                replace(context, entry, key, encoded);
            }
            if (EntryCodec.type(encoded) != ValueType.STRING && encoded.length <= KEPT_COLLECTION_BYTES) {
                recent.wrote(key, encoded);
            }
            return previous;
        }
    }

    /** Rewrites an entry's stored bytes (same size: in place); returns the old bytes, or null when absent. */
    byte[] update(byte[] key, UnaryOperator<byte[]> change) {
        settle(key); // the change applies to the bytes as the command thread sees them
        try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(key)) {
            context.updateLock().lock();
            recent.forget(key);
            MapEntry<byte[], byte[]> entry = context.entry();
            if (entry == null) {
                return null;
            }
            byte[] old = copyOf(entry.value());
            replace(context, entry, key, change.apply(old));
            return old;
        }
    }

    /**
     * As {@link #readRaw}, but the bytes may be the ones kept from the last write or read, shared:
     * read them, never change or keep them; and they are kept for the next read (a list's far end
     * page, counted on every push at the other end: no query, no copy per read).
     */
    byte[] readShared(byte[] key) {
        return readKeeping(key, bytes -> true);
    }

    /**
     * As {@link #readRaw}; a paged collection's header read from the map is kept for the next read
     * as if just written. Why: a list's header is read by every push and pop but rewritten only when
     * a page joins or leaves, so it was rarely kept, and its map query was 11% of the command thread
     * under LPUSH at -P 16 (async-profiler). Only headers: a string is never kept ({@link #readString}).
     */
    byte[] readRawKeepingHeader(byte[] key) {
        byte[] bytes = readKeeping(key, EntryCodec::paged);
        return bytes == null ? null : bytes.clone();
    }

    /**
     * The bytes kept from the key's last write or read, shared; else read from the map, and kept when
     * {@code keep} says so. Read under the update lock, which every change takes before it forgets the
     * key, so no change can fall between this read and the keeping.
     */
    private byte[] readKeeping(byte[] key, java.util.function.Predicate<byte[]> keep) {
        byte[] kept = heldOrKept(key);
        if (kept != null) {
            return kept;
        }
        try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(key)) {
            context.updateLock().lock();
            MapEntry<byte[], byte[]> entry = context.entry();
            if (entry == null) {
                return null;
            }
            byte[] bytes = copyOf(entry.value());
            if (keep.test(bytes)) {
                recent.wrote(key, bytes);
            }
            return bytes;
        }
    }

    /** The entry's stored bytes as they are (a page has no entry header), or null. */
    byte[] readRaw(byte[] key) {
        byte[] kept = heldOrKept(key);
        if (kept != null) {
            return kept.clone();
        }
        try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(key)) {
            context.readLock().lock();
            MapEntry<byte[], byte[]> entry = context.entry();
            return entry == null ? null : copyOf(entry.value());
        }
    }

    /**
     * Inserts or replaces bytes as they are; returns the replaced size, or -1 for an insert. The
     * bytes are kept as the key's last write ({@link RecentWrites}): never change them afterwards.
     *
     * @throws IllegalArgumentException the entry does not fit a segment
     * @throws IllegalStateException    the map is full
     */
    long writeRaw(byte[] key, byte[] bytes) {
        return writeRaw(key, bytes, false);
    }

    private long writeRaw(byte[] key, byte[] bytes, boolean unlessHeld) {
        supersede(key);
        try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(key)) {
            context.updateLock().lock();
            MapEntry<byte[], byte[]> entry = context.entry();
            if (unlessHeld && entry != null && java.util.Arrays.equals(copyOf(entry.value()), bytes)) {
                return bytes.length;
            }
            recent.forget(key);
            if (entry == null) {
                context.absentEntry().doInsert(context.wrapValueAsData(bytes));
                recent.wrote(key, bytes);
                return -1;
            }
            long previous = entry.value().size();
            replace(context, entry, key, bytes);
            recent.wrote(key, bytes);
            return previous;
        }
    }

    /** Page rewrites made on {@code thread} from now on are held until {@link #settle()}: the command thread. */
    void holdRewritesOn(Thread thread) {
        deferred.ownedBy(thread);
    }

    /**
     * Replaces an entry the map holds now with {@code bytes}; on the command thread the write is held
     * until the next {@link #settle()} and this thread's reads see it meanwhile, elsewhere it is
     * written at once. Never an insert: the caller read the entry. The bytes are kept as they are.
     */
    void rewriteLater(byte[] key, byte[] bytes) {
        if (!deferred.mayHold()) {
            writeRaw(key, bytes);
        } else if (deferred.hold(key, bytes)) {
            settle(); // bounded: past its size the held pages go now
        }
    }

    /** Whether the calling thread holds rewrites that {@link #settle()} would write. */
    boolean holdsRewrites() {
        return deferred.holding();
    }

    /**
     * Writes the rewrites the calling thread holds, each only if its entry is still there (another
     * thread may have evicted the collection meanwhile). Returns false when one could not be written
     * (the map is full): the replies that acknowledge it must not leave.
     */
    boolean settle() {
        if (!deferred.mayHold()) {
            return true;
        }
        if (deferred.holding()) {
            writeHeld();
        }
        return !heldWriteFailed;
    }

    /** The replies gathered while a held rewrite failed were dropped: {@link #settle()} may say true again. */
    void settleFailureAnswered() {
        heldWriteFailed = false;
    }

    /** Held rewrites that could not be written (the map was full). */
    long heldWriteFailures() {
        return heldWriteFailures;
    }

    private void writeHeld() {
        for (java.util.Map.Entry<byte[], byte[]> held : deferred.takeAll()) {
            writeHeld(held.getKey(), held.getValue());
        }
    }

    private void writeHeld(byte[] key, byte[] bytes) {
        try {
            replaceIfPresent(key, bytes);
        } catch (IllegalArgumentException | IllegalStateException e) {
            heldWriteFailed = true; // sticky: every settle says so until the dropped replies are answered for
            heldWriteFailures++;
        }
    }

    private void replaceIfPresent(byte[] key, byte[] bytes) {
        try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(key)) {
            context.updateLock().lock();
            MapEntry<byte[], byte[]> entry = context.entry();
            if (entry != null) {
                recent.forget(key);
                replace(context, entry, key, bytes);
                recent.wrote(key, bytes);
            }
        }
    }

    /**
     * Holds a compact collection's new bytes when the command thread knows the entry it replaces (kept
     * or held: a collection of the same type, not paged), as {@link #rewriteLater} holds pages: an
     * HSET or SADD on a small hash or set, one command after another, rewrites it once per pass.
     * Returns what the write replaced, or null when it is not held (the caller writes at once).
     */
    private Previous holdCompactRewrite(byte[] key, byte[] encoded) {
        if (!deferred.mayHold() || encoded.length > KEPT_COLLECTION_BYTES || EntryCodec.type(encoded) == ValueType.STRING
                || EntryCodec.paged(encoded)) {
            return null;
        }
        byte[] old = heldOrKept(key);
        if (old == null || EntryCodec.paged(old) || EntryCodec.type(old) != EntryCodec.type(encoded)) {
            return null;
        }
        if (deferred.hold(key, encoded)) {
            settle();
        }
        return new Previous(old.length, EntryCodec.expiry(old), null);
    }

    /** Writes what the calling thread holds for {@code key} now, before a change made on the stored bytes. */
    private void settle(byte[] key) {
        byte[] held = held(key);
        if (held != null) {
            deferred.drop(key);
            writeHeld(key, held);
        }
    }

    /** What the calling thread holds for {@code key}, or null. */
    private byte[] held(byte[] key) {
        return deferred.holding() ? deferred.get(key) : null;
    }

    /** What the calling thread holds for {@code key}, else its last write kept in {@link #recent}, or null. WARNING: shared. */
    private byte[] heldOrKept(byte[] key) {
        byte[] held = held(key);
        return held != null ? held : recent.get(key);
    }

    /** Drops what the calling thread holds for {@code key}: a change is about to supersede it. */
    private void supersede(byte[] key) {
        if (deferred.holding()) {
            deferred.drop(key);
        }
    }

    /**
     * As {@link #writeRaw}, but leaves the entry alone when it already holds exactly these bytes (a
     * list header after a push inside an end page): a look at the last write, else a read under
     * the update lock, instead of a rewrite.
     */
    void writeRawUnlessHeld(byte[] key, byte[] bytes) {
        byte[] kept = recent.get(key);
        if (kept == null || !java.util.Arrays.equals(kept, bytes)) {
            writeRaw(key, bytes, true);
        }
    }

    /** Removes the entry; returns its stored bytes, or null when absent. */
    byte[] remove(byte[] key) {
        supersede(key);
        try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(key)) {
            context.updateLock().lock();
            recent.forget(key);
            MapEntry<byte[], byte[]> entry = context.entry();
            if (entry == null) {
                return null;
            }
            byte[] old = copyOf(entry.value());
            entry.doRemove();
            return old;
        }
    }

    int segments() {
        return map.segments();
    }

    /**
     * Visits the keyspace entries of one segment under its lock (the store's metadata entry is
     * skipped); the visitor must not write to the map.
     */
    void forEachInSegment(int segment, EntryVisitor visitor) {
        settle(); // a walk sees the pages as the command thread does
        try (MapSegmentContext<byte[], byte[], ?> context = map.segmentContext(segment)) {
            // An empty segment is skipped on its header's count: walking it would read its whole hash
            // lookup, and the expiry sweep and the start's recount would page in every segment's
            // (about 30 MB at the default capacity) on an empty store.
            if (context.size() > 0) {
                context.forEachSegmentEntryWhile(e -> isMeta(e.key()) || visitor.visit(e.key(), e.value()));
            }
        }
    }

    /** Every entry, metadata included: only the migration of an old file needs this. */
    void forEachRaw(EntryVisitor visitor) {
        settle();
        for (int s = 0; s < segments(); s++) {
            try (MapSegmentContext<byte[], byte[], ?> context = map.segmentContext(s)) {
                if (context.size() > 0) {
                    context.forEachSegmentEntryWhile(e -> visitor.visit(e.key(), e.value()));
                }
            }
        }
    }

    /** Whether the key is the store's own (0xFF 0xFF ...): no database has id 255. */
    static boolean isMeta(Data<byte[]> key) {
        return key.size() >= 2 && key.bytes().readByte(key.offset()) == DatabaseKeys.TAG
                && (key.bytes().readByte(key.offset() + 1) & 0xFF) == DatabaseKeys.META_ID;
    }

    /** The database byte of a stored key, read in place. */
    static int database(Data<byte[]> key) {
        return key.size() >= 2 && key.bytes().readByte(key.offset()) == DatabaseKeys.TAG
                ? key.bytes().readByte(key.offset() + 1) & 0xFF : 0;
    }

    long segmentSize(int segment) {
        try (MapSegmentContext<byte[], byte[], ?> context = map.segmentContext(segment)) {
            return context.size();
        }
    }

    /** Visits every entry, segment by segment, until the visitor returns false. */
    void forEach(EntryVisitor visitor) {
        boolean[] go = {true};
        for (int s = 0; s < segments() && go[0]; s++) {
            forEachInSegment(s, (k, v) -> go[0] = visitor.visit(k, v));
        }
    }

    /** Keys and expiries of one segment's entries that pass the filter on their expiry. */
    void collect(int segment, LongPredicate expiryFilter, Consumer<KeyAndExpiry> into) {
        forEachInSegment(segment, (k, v) -> {
            long expireAt = EntryCodec.expiry(v);
            if (expiryFilter.test(expireAt)) {
                into.accept(new KeyAndExpiry(copyOf(k), expireAt));
            }
            return true;
        });
    }

    void clear() {
        deferred.clear();
        recent.clear();
        map.clear();
        recent.clear();
    }

    @Override
    public void close() {
        if (map.isOpen()) {
            writeHeld(); // held rewrites whose replies never left (the command thread has stopped)
            map.close();
        }
        journal.close();
    }

    /**
     * A fresh copy of in-place data. WARNING: Data.get() may hand back an instance Chronicle reuses
     * for the next entry, so anything kept past an iteration step must be copied.
     */
    static byte[] copyOf(Data<byte[]> data) {
        byte[] copy = new byte[(int) data.size()];
        data.bytes().read(data.offset(), copy, 0, copy.length);
        return copy;
    }
}
