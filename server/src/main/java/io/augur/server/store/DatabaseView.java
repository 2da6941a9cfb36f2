package io.augur.server.store;

import java.util.function.Consumer;
import java.util.function.Predicate;

/** One database of the store, as a client that SELECTed it sees it: plain keys, its own size, FLUSHDB. */
final class DatabaseView implements Store {

    private final ChronicleStore store;
    private final int db;

    DatabaseView(ChronicleStore store, int db) {
        this.store = store;
        this.db = db;
    }

    private byte[] q(byte[] key) {
        return DatabaseKeys.qualify(db, key);
    }

    @Override public StoredValue get(byte[] key) { return store.get(q(key)); }
    @Override public StringRead readString(byte[] key, ValueSink sink) { return store.readString(q(key), sink); }
    // A client's lookup expires the key at once, as in Redis (the store's own peek stays side-effect free).
    @Override public StoredValue peek(byte[] key) { return store.lookup(q(key)); }
    @Override public StoredValue shallowGet(byte[] key) { return store.shallowGet(q(key)); }
    @Override public StoredValue shallowPeek(byte[] key) { return store.shallowLookup(q(key)); }
    @Override public long listPush(byte[] key, boolean left, java.util.List<byte[]> elements) { return store.listPush(q(key), left, elements); }
    @Override public java.util.List<byte[]> listPop(byte[] key, boolean left, long count) { return store.listPop(q(key), left, count); }
    @Override public java.util.List<byte[]> listRange(byte[] key, long from, long to) { return store.listRange(q(key), from, to); }
    @Override public long sortedCountBelow(byte[] key, double score, byte[] member) { return store.sortedCountBelow(q(key), score, member); }
    @Override public java.util.List<byte[]> sortedRange(byte[] key, long from, long to) { return store.sortedRange(q(key), from, to); }
    @Override public int listSet(byte[] key, long index, byte[] value) { return store.listSet(q(key), index, value); }
    @Override public long listRemove(byte[] key, byte[] element, long count) { return store.listRemove(q(key), element, count); }
    @Override public long listInsert(byte[] key, byte[] pivot, byte[] element, boolean after) { return store.listInsert(q(key), pivot, element, after); }
    @Override public java.util.List<byte[]> fieldRandom(byte[] key, int count, boolean distinct) { return store.fieldRandom(q(key), count, distinct); }
    @Override public byte[] fieldGet(byte[] key, byte[] field) { return store.fieldGet(q(key), field); }
    @Override public byte[] fieldPut(byte[] key, byte[] field, byte[] value) { return store.fieldPut(q(key), field, value); }
    @Override public byte[] fieldRemove(byte[] key, byte[] field) { return store.fieldRemove(q(key), field); }

    @Override
    public void put(byte[] key, ValueType type, byte[] value, long expireAtMillis, boolean prefetched) {
        store.put(q(key), type, value, expireAtMillis, prefetched);
    }

    @Override public boolean delete(byte[] key) { return store.delete(q(key)); }
    @Override public long idleSeconds(byte[] key) { return store.idleSeconds(q(key)); }
    @Override public int frequency(byte[] key) { return store.frequency(q(key)); }
    @Override public boolean setExpireAt(byte[] key, long expireAtMillis) { return store.setExpireAt(q(key), expireAtMillis); }
    @Override public long size() { return store.databaseSize(db); }
    @Override public long expiresCount() { return store.databaseExpires(db); }
    @Override public void clear() { store.clearDatabase(db); }
    @Override public byte[] randomKey() { return store.randomKey(db); }

    @Override
    public ScanPage scan(long cursor, int countHint, Predicate<byte[]> keyFilter) {
        return store.scan(db, cursor, countHint, keyFilter);
    }

    @Override public void forEachKey(Consumer<byte[]> action) { store.forEachKey(db, action); }
    @Override public Store database(int other) { return store.database(other); }
    @Override public void swapDatabases(int a, int b) { store.swapDatabases(a, b); }

    // The whole store's memory, settings and counters.
    @Override public long usedMemoryBytes() { return store.usedMemoryBytes(); }
    @Override public int recoveryCorruptions() { return store.recoveryCorruptions(); }
    @Override public int recoveryRestored() { return store.recoveryRestored(); }
    @Override public int activeExpireCycle(long budgetMicros) { return store.activeExpireCycle(budgetMicros); }
    @Override public boolean settleWrites() { return store.settleWrites(); }
    @Override public void settleFailureAnswered() { store.settleFailureAnswered(); }
    @Override public boolean holdsRewrites() { return store.holdsRewrites(); }
    @Override public long evictedKeys() { return store.evictedKeys(); }
    @Override public long expiredKeys() { return store.expiredKeys(); }
    @Override public long prefetchAdmissionRefused() { return store.prefetchAdmissionRefused(); }
    @Override public long prefetchStagedBytes() { return store.prefetchStagedBytes(); }
    @Override public void resetStats() { store.resetStats(); }
    @Override public void setMaxMemory(long bytes) { store.setMaxMemory(bytes); }
    @Override public long maxMemory() { return store.maxMemory(); }
    @Override public void setPolicy(EvictionPolicy policy) { store.setPolicy(policy); }
    @Override public EvictionPolicy policy() { return store.policy(); }
    @Override public void setEvictionSamples(int samples) { store.setEvictionSamples(samples); }
    @Override public void setPrefetchStaging(double share) { store.setPrefetchStaging(share); }
    @Override public long capacityEntries() { return store.capacityEntries(); }
    @Override public void addRemovalListener(RemovalListener listener) { store.addRemovalListener(listener); }

    /** Closing a view closes nothing: the store belongs to the server. */
    @Override
    public void close() {
    }
}
