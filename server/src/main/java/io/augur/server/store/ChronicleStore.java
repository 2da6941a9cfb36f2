package io.augur.server.store;

import io.augur.predictor.cache.AccessClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/** The store on a persisted, off-heap Chronicle Map, with lazy and active expiry and a maxmemory policy. */
public final class ChronicleStore implements Store {

    /*
     * Persistence: see StoreFile. Capacity: Chronicle Map's size is fixed at creation and it throws
     * once an entry does not fit a segment or the map is far past entries(). The store refuses
     * oversized keys and values itself and keeps the entry count at most entries(), evicting (or
     * refusing, for noeviction) before Chronicle would throw.
     *
     * Eviction: a policy object (Eviction) per maxmemory-policy; the sampled ones share one
     * EvictionPool, W-TinyLFU keeps a Caffeine index. The entry layout is EntryCodec's, map access
     * EntryMap's, active expiry Expiry's.
     *
     * Databases: every public method here takes a key qualified by its logical database
     * (DatabaseKeys); DatabaseTable turns it into the stored (physical) key, which is what the
     * policies, the access clock and the map see. database(n) hands out the view a client's
     * commands use. Eviction and active expiry work across all databases, as in Redis. Walking one
     * database (SCAN, KEYS, FLUSHDB) visits the whole map and skips other databases' keys.
     *
     * Size (~430 lines): this is the facade of Store's ~30 operations, each a few lines delegating to
     * the parts above, plus the key and memory counters every write and removal must keep in step
     * (they stay here so one method updates them under the entry's lock). Moving the counters and the
     * per-database walks into their own classes is the next split.
     */

    private static final Logger LOG = LoggerFactory.getLogger(ChronicleStore.class);

    private final StoreFile file;
    private final EntryMap map;
    private final LongSupplier clock;
    private final AccessClock accessClock;
    private final Expiry expiry;
    private final KeyWalk keys;
    private final MemoryBound bound;
    private final int maxKeyBytes;
    private final long maxValueBytes;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong expires = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();
    /** Keys and keys with a TTL per physical database, for DBSIZE and INFO keyspace. */
    private final AtomicLongArray dbKeys = new AtomicLongArray(DatabaseKeys.MAX_DATABASES);
    private final AtomicLongArray dbExpires = new AtomicLongArray(DatabaseKeys.MAX_DATABASES);
    private final DatabaseTable databases;
    private final Store[] views = new Store[DatabaseKeys.MAX_DATABASES];
    private final AtomicLong expired = new AtomicLong();
    /** Page entries of paged collections: they take map capacity, so the entry cap counts them. */
    private final AtomicLong pageEntries = new AtomicLong();
    private final PagedCollections paged;
    private final PagedCollections.Recovery pagedRecovery;
    /** The removal listeners, combined into one (added at wiring, read on every eviction and expiry). */
    private volatile RemovalListener listener = (key, value, cause) -> { };

    private ChronicleStore(StoreConfig config, StoreFile file) {
        this.file = file;
        this.map = file.map();
        this.clock = config.clockMillis();
        this.accessClock = new AccessClock(clock.getAsLong(), () -> ThreadLocalRandom.current().nextDouble());
        this.expiry = new Expiry(map);
        this.keys = new KeyWalk(map);
        this.databases = DatabaseTable.open(map);
        for (int db = 0; db < views.length; db++) {
            views[db] = new DatabaseView(this, db);
        }
        this.maxKeyBytes = config.maxKeyBytes();
        this.maxValueBytes = config.maxValueBytes();
        this.paged = new PagedCollections(map, maxValueBytes);
        this.pagedRecovery = file.recovered() ? paged.recover() : null; // before the counts: it fixes them
        if (pagedRecovery != null) {
            LOG.warn("recovered the data file after an unclean "
                    + "stop: {} corruptions repaired by the map's recovery (an entry torn by the crash is removed), "
                    + "{} torn rewrites put back from the journal; "
                    + "{} paged collections, {} recounted, {} orphan pages removed", file.corruptions(), file.restored(),
                    pagedRecovery.collections(), pagedRecovery.recounted(), pagedRecovery.orphanPages());
        }
        recount(); // before the policy: W-TinyLFU's bound reads used_memory
        file.releaseOpenPages(); // the open's reads and read-ahead; an idle store stays small
        this.bound = new MemoryBound(map, accessClock, config, used::get, () -> count.get() + pageEntries.get(),
                this::evict);
    }

    /** Creates or reopens {@code dir/augur.dat}; recovers it when the previous process did not close it. */
    public static ChronicleStore open(StoreConfig config) {
        return new ChronicleStore(config, StoreFile.open(config));
    }

    /** Whether this open recovered the file after an unclean stop. */
    public boolean recovered() {
        return file.recovered();
    }

    /** Corruptions the map's recovery repaired in this open; an entry torn by the crash is removed. */
    @Override
    public int recoveryCorruptions() {
        return file.corruptions();
    }

    @Override
    public int recoveryRestored() {
        return file.restored();
    }

    private void recount() {
        long[] totals = new long[4];
        List<byte[]> unordered = new ArrayList<>();
        List<PagedHeader> listsApart = new ArrayList<>(); // their end pages' bytes: read after the walk
        map.forEach((k, v) -> {
            int db = EntryMap.database(k);
            totals[0]++;
            dbKeys.incrementAndGet(db);
            totals[1] += EntryCodec.entryBytes(k.size(), EntryCodec.valueBytes(v));
            if (EntryCodec.paged(v)) {
                byte[] raw = EntryMap.copyOf(v);
                ValueType type = EntryCodec.type(raw);
                PagedHeader h = EntryCodec.header(raw);
                totals[3] += PagedCollections.pageCount(type, h);
                if (h.endsApart()) {
                    listsApart.add(h);
                }
                if (type == ValueType.ZSET && h.ordered() == 0) {
                    unordered.add(EntryMap.copyOf(k));
                }
            }
            if (EntryCodec.expiry(v) != 0) {
                totals[2]++;
                dbExpires.incrementAndGet(db);
            }
            return true;
        });
        if (!unordered.isEmpty()) { // sorted sets written before they kept a score order: given one, then counted
            unordered.forEach(paged::order);
            recount();
            return;
        }
        for (PagedHeader stored : listsApart) {
            totals[1] += paged.whole(stored).pageBytes() - stored.pageBytes();
        }
        count.set(totals[0]);
        used.set(totals[1]);
        expires.set(totals[2]);
        pageEntries.set(totals[3]);
    }

    /** What the open's recovery found in paged collections (null after a clean stop). */
    public PagedCollections.Recovery pagedRecovery() {
        return pagedRecovery;
    }

    @Override
    public StoredValue get(byte[] qualifiedKey) {
        return whole(shallowGet(qualifiedKey));
    }

    @Override
    public StringRead readString(byte[] qualifiedKey, ValueSink sink) {
        byte[] key = databases.toPhysical(qualifiedKey);
        long now = clock.getAsLong();
        StringRead read = map.readString(key, now, sink);
        if (read == StringRead.WRONG_TYPE) {
            return read;
        }
        return settleRead(key, read != StringRead.ABSENT, read == StringRead.EXPIRED, read == StringRead.HIT_PREFETCHED, now)
                ? read : StringRead.ABSENT;
    }

    @Override
    public StoredValue shallowGet(byte[] qualifiedKey) {
        byte[] key = databases.toPhysical(qualifiedKey);
        StoredValue value = readShallow(key);
        long now = clock.getAsLong();
        boolean present = value != null;
        boolean live = settleRead(key, present, present && Expiry.isExpired(value.expireAtMillis(), now),
                present && value.prefetched(), now);
        return live ? value : null;
    }

    /**
     * What a client's read does beyond reading: a miss is counted for eviction (an expired entry is
     * removed first), a hit is touched and counted, and a prefetched entry is marked read. Returns
     * whether the read found a live entry.
     */
    private boolean settleRead(byte[] key, boolean present, boolean expired, boolean prefetched, long now) {
        if (!present || expired) {
            if (expired) {
                removeExpired(key);
            }
            bound.eviction().recordMiss(key);
            return false;
        }
        accessClock.touch(AccessClock.slot(key), now);
        bound.eviction().recordRead(key);
        if (prefetched) {
            map.update(key, EntryCodec::unmarked);
        }
        return true;
    }

    @Override
    public StoredValue peek(byte[] qualifiedKey) {
        return whole(shallowPeek(qualifiedKey));
    }

    @Override
    public StoredValue shallowPeek(byte[] qualifiedKey) {
        byte[] key = databases.toPhysical(qualifiedKey);
        StoredValue value = readShallow(key);
        return value == null || Expiry.isExpired(value.expireAtMillis(), clock.getAsLong()) ? null : value;
    }

    /**
     * As {@link #peek}, but an expired key is removed at once, with its expired event: a command's
     * lookup, as Redis expires a key at any command's touch. Command thread only (a peek from the
     * predictor thread must change nothing).
     */
    StoredValue lookup(byte[] qualifiedKey) {
        return whole(shallowLookup(qualifiedKey));
    }

    /** As {@link #lookup}, shallow as {@link #shallowGet}. */
    StoredValue shallowLookup(byte[] qualifiedKey) {
        byte[] key = databases.toPhysical(qualifiedKey);
        StoredValue value = readShallow(key);
        if (value != null && Expiry.isExpired(value.expireAtMillis(), clock.getAsLong())) {
            removeExpired(key);
            return null;
        }
        return value;
    }

    /**
     * The entry as it is stored, a paged collection's header as its value; a list's header with
     * its count and page bytes whole (its end pages read), as {@link StoredValue#pagedCount} expects.
     */
    private StoredValue readShallow(byte[] key) {
        StoredValue value = map.read(key);
        if (value == null || !value.paged() || value.type() != ValueType.LIST) {
            return value;
        }
        PagedHeader stored = PagedHeader.decode(value.value());
        return stored.endsApart() ? new StoredValue(paged.whole(stored).encode(), value.expireAtMillis(),
                value.prefetched(), value.type(), true) : value;
    }

    /** The value with a paged collection's elements assembled from its pages. */
    private StoredValue whole(StoredValue value) {
        if (value == null || !value.paged()) {
            return value;
        }
        byte[] payload = paged.assemble(value.type(), paged.whole(PagedHeader.decode(value.value())));
        return new StoredValue(payload, value.expireAtMillis(), value.prefetched(), value.type(), true);
    }

    @Override
    public void put(byte[] qualifiedKey, ValueType type, byte[] value, long expireAtMillis, boolean prefetched) {
        byte[] key = databases.toPhysical(qualifiedKey);
        if (key.length > maxKeyBytes) {
            throw new ValueTooLargeException("key of " + key.length + " bytes (max " + maxKeyBytes + ")");
        }
        boolean asPages = PagedCollections.pages(type, value);
        if (value.length > maxValueBytes && !asPages) {
            throw new ValueTooLargeException("value of " + value.length + " bytes (max-value-size " + maxValueBytes + ")");
        }
        byte[] encoded = EntryCodec.encode(value, expireAtMillis, prefetched, type);
        long bytes = EntryCodec.entryBytes(key.length, encoded.length);
        bound.makeRoom(key, bytes, clock.getAsLong()); // for pages: the compact size, about what they take
        PagedHeader header = null;
        if (asPages) {
            header = paged.create(type, value);
            encoded = EntryCodec.encode(header.encode(), expireAtMillis, prefetched, type, true);
            bytes = EntryCodec.entryBytes(key.length, encoded.length) + header.pageBytes();
        }
        EntryMap.Previous previous;
        try {
            previous = map.write(key, encoded);
        } catch (IllegalArgumentException | IllegalStateException e) {
            if (header != null) {
                paged.removePages(type, header);
            }
            if (e instanceof IllegalArgumentException) {
                throw new ValueTooLargeException("entry does not fit the store: " + e.getMessage());
            }
            throw new OutOfMemoryException();
        }
        if (header != null) {
            pageEntries.addAndGet(PagedCollections.pageCount(type, header));
        }
        int db = DatabaseKeys.database(key);
        if (previous == null) {
            count.incrementAndGet();
            dbKeys.incrementAndGet(db);
            used.addAndGet(bytes);
        } else {
            used.addAndGet(bytes - EntryCodec.entryBytes(key.length, previous.storedBytes()));
            if (previous.pagedHeader() != null) {
                removePages(previous.pagedHeader()); // the new entry is in place: the old pages are orphans now
            }
            if (previous.expireAtMillis() != 0) {
                expires.decrementAndGet();
                dbExpires.decrementAndGet(db);
            }
        }
        if (expireAtMillis != 0) {
            expires.incrementAndGet();
            dbExpires.incrementAndGet(db);
        }
        accessClock.created(AccessClock.slot(key), clock.getAsLong());
        // Last: W-TinyLFU may evict here, even this key.
        if (prefetched) {
            bound.eviction().recordPrefetchedWrite(key, bytes, expireAtMillis);
        } else {
            bound.eviction().recordWrite(key, bytes, expireAtMillis);
        }
    }

    @Override
    public boolean delete(byte[] qualifiedKey) {
        byte[] key = databases.toPhysical(qualifiedKey);
        byte[] previous = map.remove(key);
        if (previous == null) {
            return false;
        }
        removed(key, previous);
        bound.eviction().recordRemoval(key);
        return !Expiry.isExpired(EntryCodec.expiry(previous), clock.getAsLong());
    }

    @Override
    public long idleSeconds(byte[] qualifiedKey) {
        return accessClock.idleSeconds(AccessClock.slot(databases.toPhysical(qualifiedKey)), clock.getAsLong());
    }

    @Override
    public int frequency(byte[] qualifiedKey) {
        return accessClock.frequency(AccessClock.slot(databases.toPhysical(qualifiedKey)), clock.getAsLong());
    }

    @Override
    public boolean setExpireAt(byte[] qualifiedKey, long expireAtMillis) {
        StoredValue current = peek(qualifiedKey);
        byte[] key = databases.toPhysical(qualifiedKey);
        if (current == null) {
            return false;
        }
        byte[] before = map.update(key, raw -> EntryCodec.withExpiry(raw, expireAtMillis));
        if (before == null) {
            return false;
        }
        long previousExpiry = EntryCodec.expiry(before);
        int db = DatabaseKeys.database(key);
        if (previousExpiry == 0 && expireAtMillis != 0) {
            expires.incrementAndGet();
            dbExpires.incrementAndGet(db);
        } else if (previousExpiry != 0 && expireAtMillis == 0) {
            expires.decrementAndGet();
            dbExpires.decrementAndGet(db);
        }
        if ((previousExpiry == 0) != (expireAtMillis == 0)) {
            bound.eviction().recordWrite(key, EntryCodec.entryBytes(key.length, EntryCodec.valueBytes(before)),
                    expireAtMillis); // volatile policies care
        }
        return true;
    }

    @Override
    public long size() {
        return count.get();
    }

    @Override
    public long usedMemoryBytes() {
        return used.get();
    }

    @Override
    public long expiresCount() {
        return expires.get();
    }

    /** Page rewrites made on {@code commandThread} from now on wait for its {@link #settleWrites()}. */
    public void holdRewritesOn(Thread commandThread) {
        map.holdRewritesOn(commandThread);
    }

    @Override
    public boolean settleWrites() {
        return map.settle();
    }

    @Override
    public void settleFailureAnswered() {
        LOG.error("a collection page rewrite could not be written (the store is full): {} so far; the connections"
                + " whose replies might have acknowledged it were closed", map.heldWriteFailures());
        map.settleFailureAnswered();
    }

    @Override
    public boolean holdsRewrites() {
        return map.holdsRewrites();
    }

    @Override
    public void clear() {
        map.clear();
        databases.persist(); // the table went with everything else
        count.set(0);
        used.set(0);
        expires.set(0);
        pageEntries.set(0);
        for (int db = 0; db < DatabaseKeys.MAX_DATABASES; db++) {
            dbKeys.set(db, 0);
            dbExpires.set(db, 0);
        }
        bound.eviction().clear();
    }

    /** A random live key of any database, qualified. */
    @Override
    public byte[] randomKey() {
        byte[] key = keys.random(clock.getAsLong(), count.get(), KeyWalk.ANY_DATABASE);
        return key == null ? null : databases.toLogical(key);
    }

    /** Scans all databases; the keys are qualified. */
    @Override
    public ScanPage scan(long cursor, int countHint, Predicate<byte[]> keyFilter) {
        ScanPage page = keys.scan(cursor, countHint, k -> keyFilter.test(databases.toLogical(k)),
                clock.getAsLong(), KeyWalk.ANY_DATABASE);
        return new ScanPage(page.nextCursor(), page.keys().stream().map(databases::toLogical).toList());
    }

    /** Every live key of every database, qualified. */
    @Override
    public void forEachKey(Consumer<byte[]> action) {
        keys.forEachLive(k -> action.accept(databases.toLogical(k)), clock.getAsLong(), KeyWalk.ANY_DATABASE);
    }

    // ---- databases ----

    @Override
    public Store database(int db) {
        return views[db];
    }

    @Override
    public void swapDatabases(int a, int b) {
        databases.swap(a, b);
    }

    /** How many keys of an old file were rewritten when this open migrated it to databases. */
    public int migratedKeys() {
        return databases.migratedKeys();
    }

    long databaseSize(int db) {
        return dbKeys.get(databases.physical(db));
    }

    long databaseExpires(int db) {
        return dbExpires.get(databases.physical(db));
    }

    /** A random live key of one database, unqualified. */
    byte[] randomKey(int db) {
        int physical = databases.physical(db);
        byte[] key = keys.random(clock.getAsLong(), dbKeys.get(physical), physical);
        return key == null ? null : DatabaseKeys.key(key);
    }

    ScanPage scan(int db, long cursor, int countHint, Predicate<byte[]> keyFilter) {
        ScanPage page = keys.scan(cursor, countHint, k -> keyFilter.test(DatabaseKeys.key(k)), clock.getAsLong(),
                databases.physical(db));
        return new ScanPage(page.nextCursor(), page.keys().stream().map(DatabaseKeys::key).toList());
    }

    void forEachKey(int db, Consumer<byte[]> action) {
        keys.forEachLive(k -> action.accept(DatabaseKeys.key(k)), clock.getAsLong(), databases.physical(db));
    }

    /** FLUSHDB: removes one database's keys, segment by segment (cost: one pass over the whole map). */
    void clearDatabase(int db) {
        int physical = databases.physical(db);
        for (int segment = 0; segment < map.segments() && dbKeys.get(physical) > 0; segment++) {
            List<byte[]> doomed = new java.util.ArrayList<>();
            map.forEachInSegment(segment, (k, v) -> {
                if (EntryMap.database(k) == physical) {
                    doomed.add(EntryMap.copyOf(k));
                }
                return true;
            });
            for (byte[] key : doomed) {
                byte[] raw = map.remove(key);
                if (raw != null) {
                    removed(key, raw);
                    bound.eviction().recordRemoval(key);
                }
            }
        }
    }

    @Override
    public int activeExpireCycle(long budgetMicros) {
        return expires.get() == 0 ? 0 : expiry.cycle(budgetMicros, clock.getAsLong(), this::removeExpired);
    }

    @Override
    public long evictedKeys() {
        return evicted.get();
    }

    @Override
    public long expiredKeys() {
        return expired.get();
    }

    @Override
    public long prefetchAdmissionRefused() {
        return bound.prefetchRefused().get();
    }

    @Override
    public long prefetchStagedBytes() {
        return bound.eviction().stagedBytes();
    }

    @Override
    public void resetStats() {
        evicted.set(0);
        expired.set(0);
        bound.prefetchRefused().set(0);
    }

    @Override
    public void setMaxMemory(long bytes) {
        bound.maxMemory(bytes);
    }

    @Override
    public long maxMemory() {
        return bound.maxMemory();
    }

    @Override
    public void setPolicy(EvictionPolicy policy) {
        bound.policy(policy);
    }

    @Override
    public EvictionPolicy policy() {
        return bound.policy();
    }

    @Override
    public void setEvictionSamples(int samples) {
        bound.samples(samples);
    }

    @Override
    public void setPrefetchStaging(double share) {
        bound.prefetchStaging(share);
    }

    /** maxmemory-samples as the sampled policies use it now. */
    public int evictionSamples() {
        return bound.samples();
    }

    @Override
    public long capacityEntries() {
        return bound.capacity();
    }

    @Override
    public synchronized void addRemovalListener(RemovalListener added) {
        RemovalListener before = this.listener;
        this.listener = (key, value, cause) -> {
            before.onRemoved(key, value, cause);
            added.onRemoved(key, value, cause);
        };
    }

    @Override
    public void close() {
        file.close();
    }

    /** Page entries of paged collections now in the map. */
    long pageEntries() {
        return pageEntries.get();
    }

    /** The policy object now in charge (tests look into W-TinyLFU's index). */
    Eviction eviction() {
        return bound.eviction();
    }

    // ---- removal ----

    /** Removes a key the policy chose to evict. */
    private StoredValue evict(byte[] key) {
        byte[] raw = map.remove(key);
        if (raw == null) {
            return null;
        }
        removed(key, raw);
        evicted.incrementAndGet();
        StoredValue value = EntryCodec.decode(raw);
        listener.onRemoved(databases.toLogical(key), value, RemovalListener.Cause.EVICTED);
        return value;
    }

    // ---- bookkeeping ----

    private boolean removeExpired(byte[] key) {
        byte[] raw = map.remove(key);
        if (raw == null) {
            return false;
        }
        removed(key, raw);
        bound.eviction().recordRemoval(key);
        expired.incrementAndGet();
        listener.onRemoved(databases.toLogical(key), EntryCodec.decode(raw), RemovalListener.Cause.EXPIRED);
        return true;
    }

    /** Counts a removed entry out; a paged collection's pages go after its header (see PagedCollections). */
    private void removed(byte[] key, byte[] raw) {
        int db = DatabaseKeys.database(key);
        count.decrementAndGet();
        dbKeys.decrementAndGet(db);
        used.addAndGet(-EntryCodec.entryBytes(key.length, raw.length));
        if (EntryCodec.expiry(raw) != 0) {
            expires.decrementAndGet();
            dbExpires.decrementAndGet(db);
        }
        if (EntryCodec.paged(raw)) {
            removePages(raw);
        }
    }

    private void removePages(byte[] rawHeader) {
        ValueType type = EntryCodec.type(rawHeader);
        PagedHeader h = paged.header(rawHeader); // before the pages go: a list's end pages count
        paged.removePages(type, h);
        used.addAndGet(-h.pageBytes());
        pageEntries.addAndGet(-PagedCollections.pageCount(type, h));
    }

    // ---- element access to paged collections ----

    @Override
    public long listPush(byte[] qualifiedKey, boolean left, List<byte[]> elements) {
        byte[] key = databases.toPhysical(qualifiedKey);
        byte[] raw = livePaged(key, ValueType.LIST);
        if (raw == null) {
            return -1;
        }
        makeRoom(key, raw, ListPage.bytesOf(elements) + PageKeys.BYTES + EntryCodec.ENTRY_OVERHEAD_BYTES);
        PagedHeader before = paged.header(raw);
        PagedHeader after = paged.push(key, raw, before, left, elements);
        changed(key, raw, before, after);
        return after.count();
    }

    @Override
    public List<byte[]> listPop(byte[] qualifiedKey, boolean left, long count) {
        byte[] key = databases.toPhysical(qualifiedKey);
        byte[] raw = livePaged(key, ValueType.LIST);
        if (raw == null) {
            return null;
        }
        List<byte[]> popped = new java.util.ArrayList<>();
        PagedHeader before = paged.header(raw);
        changed(key, raw, before, paged.pop(key, raw, before, left, count, popped));
        return popped;
    }

    @Override
    public int listSet(byte[] qualifiedKey, long index, byte[] value) {
        byte[] key = databases.toPhysical(qualifiedKey);
        byte[] raw = livePaged(key, ValueType.LIST);
        if (raw == null) {
            return -1;
        }
        PagedHeader before = paged.header(raw);
        if (index < 0 || index >= before.count()) {
            return 0;
        }
        makeRoom(key, raw, value.length);
        changed(key, raw, before, paged.listSet(key, raw, before, index, value));
        return 1;
    }

    @Override
    public long listInsert(byte[] qualifiedKey, byte[] pivot, byte[] element, boolean after) {
        byte[] key = databases.toPhysical(qualifiedKey);
        byte[] raw = livePaged(key, ValueType.LIST);
        if (raw == null) {
            return -1;
        }
        makeRoom(key, raw, element.length + 5);
        PagedHeader before = paged.header(raw);
        PagedHeader next = paged.listInsert(key, raw, before, pivot, element, after);
        if (next == null) {
            return -2;
        }
        if (next.count() == before.count()) {
            return 0; // no pivot
        }
        changed(key, raw, before, next);
        return next.count();
    }

    @Override
    public long listRemove(byte[] qualifiedKey, byte[] element, long count) {
        byte[] key = databases.toPhysical(qualifiedKey);
        byte[] raw = livePaged(key, ValueType.LIST);
        if (raw == null) {
            return -1;
        }
        long[] removed = {0};
        PagedHeader before = paged.header(raw);
        PagedHeader after = paged.listRemove(key, raw, before, element, count, removed);
        if (removed[0] > 0) {
            changed(key, raw, before, after);
        }
        return removed[0];
    }

    @Override
    public List<byte[]> listRange(byte[] qualifiedKey, long from, long to) {
        byte[] raw = livePaged(databases.toPhysical(qualifiedKey), ValueType.LIST);
        return raw == null ? null : paged.listRange(paged.header(raw), from, to);
    }

    @Override
    public long sortedCountBelow(byte[] qualifiedKey, double score, byte[] member) {
        byte[] raw = livePaged(databases.toPhysical(qualifiedKey), ValueType.ZSET);
        return raw == null ? -1 : paged.sortedCountBelow(EntryCodec.header(raw), score, member);
    }

    @Override
    public List<byte[]> sortedRange(byte[] qualifiedKey, long from, long to) {
        byte[] raw = livePaged(databases.toPhysical(qualifiedKey), ValueType.ZSET);
        return raw == null ? null : paged.sortedRange(EntryCodec.header(raw), from, to);
    }

    @Override
    public List<byte[]> fieldRandom(byte[] qualifiedKey, int count, boolean distinct) {
        byte[] raw = livePaged(databases.toPhysical(qualifiedKey));
        if (raw == null || EntryCodec.type(raw) == ValueType.LIST) {
            return null;
        }
        return paged.randomFields(EntryCodec.header(raw), count, distinct);
    }

    @Override
    public byte[] fieldGet(byte[] qualifiedKey, byte[] field) {
        byte[] raw = map.readRaw(databases.toPhysical(qualifiedKey));
        return raw == null || !EntryCodec.paged(raw) ? null : paged.get(EntryCodec.header(raw), field);
    }

    @Override
    public byte[] fieldPut(byte[] qualifiedKey, byte[] field, byte[] value) {
        byte[] key = databases.toPhysical(qualifiedKey);
        byte[] raw = pagedHeader(key, field.length + value.length + 10);
        byte[][] previous = new byte[1][];
        changed(key, raw, EntryCodec.header(raw), paged.put(key, raw, field, value, previous));
        return previous[0];
    }

    @Override
    public byte[] fieldRemove(byte[] qualifiedKey, byte[] field) {
        byte[] key = databases.toPhysical(qualifiedKey);
        byte[] raw = pagedHeader(key, 0);
        byte[][] previous = new byte[1][];
        changed(key, raw, EntryCodec.header(raw), paged.remove(key, raw, field, previous));
        return previous[0];
    }

    /** The stored header of the paged collection of the type at the key, or null when it holds none (or it expired). */
    private byte[] livePaged(byte[] key, ValueType type) {
        byte[] raw = livePaged(key);
        return raw != null && EntryCodec.type(raw) == type ? raw : null;
    }

    /** The stored header of the paged collection at the key, of any type, or null when it holds none (or it expired). */
    private byte[] livePaged(byte[] key) {
        byte[] raw = map.readRawKeepingHeader(key);
        return raw != null && EntryCodec.paged(raw) && !Expiry.isExpired(EntryCodec.expiry(raw), clock.getAsLong()) ? raw : null;
    }

    /**
     * The stored header of a paged collection about to grow by about {@code growth} bytes, after
     * making room for them (the key itself is never chosen).
     */
    private byte[] pagedHeader(byte[] key, long growth) {
        byte[] raw = map.readRawKeepingHeader(key);
        if (raw == null || !EntryCodec.paged(raw)) {
            throw new IllegalStateException("not a paged collection"); // callers check shallowPeek first
        }
        makeRoom(key, raw, growth);
        return raw;
    }

    /** Evicts other keys (never this one) until the collection can grow by about {@code growth} bytes. */
    private void makeRoom(byte[] key, byte[] raw, long growth) {
        if (growth > 0) {
            bound.makeRoom(key, EntryCodec.entryBytes(key.length, EntryCodec.valueBytes(raw)) + growth, clock.getAsLong());
        }
    }

    /**
     * Counts a paged collection's change in ({@code before} and {@code after}: its headers as
     * {@link PagedCollections#header} gives them, before and after the change; {@code after} with
     * count 0 when the change emptied it: then it is removed).
     */
    private void changed(byte[] key, byte[] rawBefore, PagedHeader before, PagedHeader after) {
        ValueType type = EntryCodec.type(rawBefore);
        used.addAndGet(after.pageBytes() - before.pageBytes());
        pageEntries.addAndGet(PagedCollections.pageCount(type, after) - PagedCollections.pageCount(type, before));
        if (after.count() == 0) {
            byte[] removed = map.remove(key);
            if (removed != null) {
                removed(key, removed);
                bound.eviction().recordRemoval(key);
            }
            return;
        }
        accessClock.created(AccessClock.slot(key), clock.getAsLong());
        bound.eviction().recordWrite(key, EntryCodec.entryBytes(key.length, rawBefore.length) + after.pageBytes(),
                EntryCodec.expiry(rawBefore));
    }

}
