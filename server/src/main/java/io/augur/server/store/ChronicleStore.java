package io.augur.server.store;

import net.openhft.chronicle.hash.Data;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import net.openhft.chronicle.map.MapSegmentContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/** The store on a persisted, off-heap Chronicle Map, with lazy and active expiry and sampled eviction. */
public final class ChronicleStore implements Store {

    /*
     * Persistence: the map is a memory-mapped file, so every acknowledged write is in the page
     * cache the moment put() returns and survives a process crash (kill -9); it reaches the disk
     * when the kernel writes the pages back (a power loss can lose the last seconds). A marker
     * file present while the store is open tells the next start that the last stop was unclean;
     * then the file is opened with recoverPersistedTo, which clears locks a dead process held.
     *
     * Capacity: Chronicle Map's size is fixed at creation and it throws once an entry does not fit
     * a segment or the map is far past entries(). The store refuses oversized keys and values
     * itself and keeps the entry count at most entries(), evicting (or refusing, for noeviction)
     * before Chronicle would throw. Segments are sized so one segment holds the largest entry.
     *
     * Eviction: as Redis, by sampling (maxmemory-samples keys from a random segment at a random
     * position) into a small pool of the best candidates seen, and evicting the best of the pool.
     */

    /** Chronicle's own bookkeeping per entry, added to key and value bytes in used_memory. */
    static final int ENTRY_OVERHEAD_BYTES = 16;
    /** Candidates kept between evictions, as Redis's EVPOOL_SIZE. */
    private static final int EVICTION_POOL_SIZE = 16;
    /** Segments sampled per eviction before giving up (volatile policies with no volatile keys). */
    private static final int MAX_SAMPLING_ROUNDS = 16;
    private static final String FILE_NAME = "augur.dat";
    private static final String OPEN_MARKER = "augur.open";

    private final ChronicleMap<byte[], byte[]> map;
    private final Path markerFile;
    private final LongSupplier clock;
    private final AccessClock accessClock;
    private final long capacity;
    private final int maxKeyBytes;
    private final long maxValueBytes;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong used = new AtomicLong();
    private final AtomicLong expires = new AtomicLong();
    private final AtomicLong evicted = new AtomicLong();
    private final AtomicLong expired = new AtomicLong();
    private final List<Candidate> pool = new ArrayList<>(EVICTION_POOL_SIZE + 64);
    private final boolean recovered;
    private volatile long maxMemory;
    private volatile EvictionPolicy policy;
    private volatile int samples;
    private volatile RemovalListener listener = (key, value, cause) -> { };
    private int expireSegment;

    private ChronicleStore(StoreConfig config, ChronicleMap<byte[], byte[]> map, Path markerFile, boolean recovered) {
        this.map = map;
        this.markerFile = markerFile;
        this.recovered = recovered;
        this.clock = config.clockMillis();
        this.accessClock = new AccessClock(clock.getAsLong());
        this.capacity = config.entries();
        this.maxKeyBytes = config.maxKeyBytes();
        this.maxValueBytes = config.maxValueBytes();
        this.maxMemory = config.maxMemoryBytes();
        this.policy = config.policy();
        this.samples = config.evictionSamples();
        recount();
    }

    /** Creates or reopens {@code dir/augur.dat}; recovers it when the previous process did not close it. */
    public static ChronicleStore open(StoreConfig config) {
        Path dir = config.dir().toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data directory " + dir + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(dir)) {
            throw new UncheckedIOException(new IOException("data directory " + dir + " is not writable"));
        }
        Path file = dir.resolve(FILE_NAME);
        Path marker = dir.resolve(OPEN_MARKER);
        boolean existed = Files.exists(file);
        boolean unclean = Files.exists(marker) && existed;
        if (Files.exists(file) && !Files.isWritable(file)) {
            throw new UncheckedIOException(new IOException("data file " + file + " is not writable"));
        }
        ChronicleMapBuilder<byte[], byte[]> builder = ChronicleMap.of(byte[].class, byte[].class)
                .name("augur")
                .entries(config.entries())
                .averageKeySize(config.averageKeyBytes())
                .averageValueSize(config.averageValueBytes() + EntryCodec.HEADER_BYTES)
                .actualSegments(segmentsFor(config));
        try {
            ChronicleMap<byte[], byte[]> map = unclean
                    ? builder.recoverPersistedTo(file.toFile(), true)
                    : builder.createPersistedTo(file.toFile());
            Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
            return new ChronicleStore(config, map, marker, unclean);
        } catch (IOException | RuntimeException e) {
            if (!existed) {
                deleteQuietly(file); // a half-created file would be "recovered" at the next start
                deleteQuietly(marker);
            }
            String reason = e.getMessage() != null && e.getMessage().contains("Not enough space")
                    ? "not enough disk space (" + e.getMessage() + ")" : e.getMessage();
            throw new UncheckedIOException("cannot " + (existed ? "open" : "create") + " data file " + file + ": "
                    + reason, e instanceof IOException io ? io : new IOException(e));
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: the start-up error already says what went wrong
        }
    }

    /**
     * Few enough segments that each holds the largest entry: Chronicle refuses an entry needing more
     * chunks than a segment has (measured: ~400 bytes of capacity per planned entry of ~300 bytes).
     */
    static int segmentsFor(StoreConfig config) {
        long averageEntry = config.averageKeyBytes() + config.averageValueBytes() + EntryCodec.HEADER_BYTES;
        long largestEntry = config.maxKeyBytes() + config.maxValueBytes() + EntryCodec.HEADER_BYTES;
        long entriesPerSegment = Math.max(256, 2 * largestEntry / averageEntry);
        long segments = Math.max(1, config.entries() / entriesPerSegment);
        return Integer.highestOneBit((int) Math.min(segments, 1 << 16));
    }

    /** Whether this open recovered the file after an unclean stop. */
    public boolean recovered() {
        return recovered;
    }

    private void recount() {
        long[] totals = new long[3];
        map.forEachEntry(e -> {
            totals[0]++;
            totals[1] += entryBytes(e.key().size(), e.value().size());
            if (expiryOf(e.value()) != 0) {
                totals[2]++;
            }
        });
        count.set(totals[0]);
        used.set(totals[1]);
        expires.set(totals[2]);
    }

    @Override
    public StoredValue get(byte[] key) {
        Read read = read(key);
        if (read == null) {
            return null;
        }
        long now = clock.getAsLong();
        if (isExpired(read.value.expireAtMillis(), now)) {
            removeExpired(key);
            return null;
        }
        accessClock.touch(key, now);
        if (read.value.prefetched()) {
            byte[] raw = map.get(key);
            if (raw != null) {
                map.put(key, EntryCodec.unmarked(raw));
            }
        }
        return read.value;
    }

    @Override
    public StoredValue peek(byte[] key) {
        Read read = read(key);
        if (read == null || isExpired(read.value.expireAtMillis(), clock.getAsLong())) {
            return null;
        }
        return read.value;
    }

    /** The entry as stored (expired or not), with one copy of the payload and none of the header. */
    private Read read(byte[] key) {
        try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(key)) {
            context.readLock().lock();
            MapEntry<byte[], byte[]> entry = context.entry();
            if (entry == null) {
                return null;
            }
            Data<byte[]> data = entry.value();
            var bytes = data.bytes();
            long offset = data.offset();
            byte[] payload = new byte[(int) data.size() - EntryCodec.HEADER_BYTES];
            bytes.read(offset + EntryCodec.HEADER_BYTES, payload, 0, payload.length);
            boolean prefetched = (bytes.readByte(offset + 8) & 1) != 0;
            return new Read(new StoredValue(payload, expiryOf(data), prefetched));
        }
    }

    /** What {@link #read} found. */
    private record Read(StoredValue value) {
    }

    @Override
    public void put(byte[] key, byte[] value, long expireAtMillis, boolean prefetched) {
        if (key.length > maxKeyBytes) {
            throw new ValueTooLargeException("key of " + key.length + " bytes (max " + maxKeyBytes + ")");
        }
        if (value.length > maxValueBytes) {
            throw new ValueTooLargeException("value of " + value.length + " bytes (max-value-size " + maxValueBytes + ")");
        }
        byte[] encoded = EntryCodec.encode(value, expireAtMillis, prefetched);
        long bytes = entryBytes(key.length, encoded.length);
        makeRoom(key, bytes);
        long previousSize;
        long previousExpiry;
        // A query context replaces the value in place and reads only the old entry's size and expiry,
        // where map.put would deserialize and return the whole old value.
        try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(key)) {
            context.updateLock().lock();
            MapEntry<byte[], byte[]> entry = context.entry();
            Data<byte[]> data = context.wrapValueAsData(encoded);
            if (entry == null) {
                previousSize = -1;
                previousExpiry = 0;
                context.absentEntry().doInsert(data);
            } else {
                previousSize = entry.value().size();
                previousExpiry = expiryOf(entry.value());
                entry.doReplaceValue(data);
            }
        } catch (IllegalArgumentException e) {
            throw new ValueTooLargeException("entry does not fit the store: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new OutOfMemoryException();
        }
        if (previousSize < 0) {
            count.incrementAndGet();
            used.addAndGet(bytes);
        } else {
            used.addAndGet(bytes - entryBytes(key.length, previousSize));
            if (previousExpiry != 0) {
                expires.decrementAndGet();
            }
        }
        if (expireAtMillis != 0) {
            expires.incrementAndGet();
        }
        accessClock.created(key, clock.getAsLong());
    }

    @Override
    public boolean delete(byte[] key) {
        byte[] previous = map.remove(key);
        if (previous == null) {
            return false;
        }
        removed(key, previous);
        return !isExpired(EntryCodec.expiry(previous), clock.getAsLong());
    }

    @Override
    public boolean setExpireAt(byte[] key, long expireAtMillis) {
        byte[] raw = map.get(key);
        if (raw == null || isExpired(EntryCodec.expiry(raw), clock.getAsLong())) {
            return false;
        }
        long before = EntryCodec.expiry(raw);
        map.put(key, EntryCodec.withExpiry(raw, expireAtMillis));
        if (before == 0 && expireAtMillis != 0) {
            expires.incrementAndGet();
        } else if (before != 0 && expireAtMillis == 0) {
            expires.decrementAndGet();
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

    @Override
    public void clear() {
        map.clear();
        count.set(0);
        used.set(0);
        expires.set(0);
        pool.clear();
    }

    @Override
    public byte[] randomKey() {
        long now = clock.getAsLong();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 64 && count.get() > 0; attempt++) {
            List<Candidate> found = sample(random.nextInt(map.segments()), 1, false, now);
            if (!found.isEmpty()) {
                return found.get(0).key;
            }
        }
        byte[][] first = new byte[1][];
        map.forEachEntryWhile(e -> {
            if (!isExpired(expiryOf(e.value()), now)) {
                first[0] = copyOf(e.key());
                return false;
            }
            return true;
        });
        return first[0];
    }

    @Override
    public ScanPage scan(long cursor, int countHint, Predicate<byte[]> keyFilter) {
        int segments = map.segments();
        if (cursor < 0 || cursor >= segments) {
            return new ScanPage(0, List.of());
        }
        long now = clock.getAsLong();
        List<byte[]> keys = new ArrayList<>();
        int segment = (int) cursor;
        // Whole segments at a time: a key present throughout the iteration is returned exactly once.
        int visited = 0;
        while (segment < segments && (visited == 0 || keys.size() < countHint)) {
            try (MapSegmentContext<byte[], byte[], ?> context = map.segmentContext(segment)) {
                context.forEachSegmentEntry(e -> {
                    if (!isExpired(expiryOf(e.value()), now)) {
                        byte[] key = copyOf(e.key());
                        if (keyFilter.test(key)) {
                            keys.add(key);
                        }
                    }
                });
            }
            segment++;
            visited++;
        }
        return new ScanPage(segment >= segments ? 0 : segment, keys);
    }

    @Override
    public void forEachKey(Consumer<byte[]> action) {
        long now = clock.getAsLong();
        map.forEachEntry(e -> {
            if (!isExpired(expiryOf(e.value()), now)) {
                action.accept(copyOf(e.key()));
            }
        });
    }

    @Override
    public int activeExpireCycle(long budgetMicros) {
        if (expires.get() == 0) {
            return 0;
        }
        long deadline = System.nanoTime() + budgetMicros * 1_000;
        long now = clock.getAsLong();
        int segments = map.segments();
        int removed = 0;
        for (int visited = 0; visited < segments && System.nanoTime() < deadline; visited++) {
            expireSegment = (expireSegment + 1) % segments;
            List<byte[]> expiredKeys = new ArrayList<>();
            try (MapSegmentContext<byte[], byte[], ?> context = map.segmentContext(expireSegment)) {
                context.forEachSegmentEntry(e -> {
                    if (isExpired(expiryOf(e.value()), now)) {
                        expiredKeys.add(copyOf(e.key()));
                    }
                });
            }
            for (byte[] key : expiredKeys) {
                if (removeExpired(key)) {
                    removed++;
                }
            }
        }
        return removed;
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
    public void resetStats() {
        evicted.set(0);
        expired.set(0);
    }

    @Override
    public void setMaxMemory(long bytes) {
        this.maxMemory = bytes;
    }

    @Override
    public long maxMemory() {
        return maxMemory;
    }

    @Override
    public void setPolicy(EvictionPolicy policy) {
        this.policy = policy;
        pool.clear();
    }

    @Override
    public EvictionPolicy policy() {
        return policy;
    }

    @Override
    public void setEvictionSamples(int samples) {
        this.samples = samples;
    }

    @Override
    public long capacityEntries() {
        return capacity;
    }

    @Override
    public void setRemovalListener(RemovalListener listener) {
        this.listener = listener;
    }

    @Override
    public void close() {
        if (map.isOpen()) {
            map.close();
        }
        try {
            Files.deleteIfExists(markerFile);
        } catch (IOException e) {
            // the next start will recover the file; nothing is lost
        }
    }

    // ---- eviction ----

    /** Evicts until the new entry fits under maxmemory and the entry cap, or refuses the write. */
    private void makeRoom(byte[] key, long bytes) {
        long max = maxMemory;
        boolean overMemory = max > 0 && used.get() + bytes > max;
        boolean overCount = count.get() >= capacity;
        if (!overMemory && !overCount) {
            return;
        }
        byte[] existing = map.get(key);
        long growth = existing == null ? bytes : bytes - entryBytes(key.length, existing.length);
        if (existing != null) {
            overCount = false;
            overMemory = max > 0 && growth > 0 && used.get() + growth > max;
        }
        while (overMemory || overCount) {
            if (policy == EvictionPolicy.NOEVICTION || !evictOne(key)) {
                throw new OutOfMemoryException();
            }
            overMemory = max > 0 && used.get() + growth > max;
            overCount = existing == null && count.get() >= capacity;
        }
    }

    /** Evicts the best candidate by policy, never {@code protectedKey}; false when none can be found. */
    private boolean evictOne(byte[] protectedKey) {
        EvictionPolicy current = policy;
        boolean volatileOnly = current.volatileOnly();
        long now = clock.getAsLong();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int round = 0; round < MAX_SAMPLING_ROUNDS; round++) {
            for (Candidate c : sample(random.nextInt(map.segments()), samples, volatileOnly, now)) {
                if (!java.util.Arrays.equals(c.key, protectedKey)) {
                    pool.add(c);
                }
            }
            if (!pool.isEmpty()) {
                break;
            }
        }
        if (pool.isEmpty()) {
            return false;
        }
        for (Candidate c : pool) {
            c.score = score(current, c, now);
        }
        pool.sort((a, b) -> Long.compare(b.score, a.score));
        while (!pool.isEmpty()) {
            Candidate best = pool.remove(0);
            byte[] raw = map.remove(best.key);
            if (raw != null) {
                removed(best.key, raw);
                evicted.incrementAndGet();
                trimPool();
                listener.onRemoved(best.key, EntryCodec.decode(raw), RemovalListener.Cause.EVICTED);
                return true;
            }
        }
        return false;
    }

    private void trimPool() {
        while (pool.size() > EVICTION_POOL_SIZE) {
            pool.remove(pool.size() - 1);
        }
    }

    /** Higher score = evicted first. */
    private long score(EvictionPolicy p, Candidate c, long now) {
        return switch (p) {
            case ALLKEYS_LRU, VOLATILE_LRU -> accessClock.idleSeconds(c.key, now);
            case ALLKEYS_LFU, VOLATILE_LFU -> 255 - accessClock.frequency(c.key, now);
            case VOLATILE_TTL -> Long.MAX_VALUE - c.expireAt;
            default -> ThreadLocalRandom.current().nextLong();
        };
    }

    /** Up to n live entries of one segment, starting at a random position in it. */
    private List<Candidate> sample(int segment, int n, boolean volatileOnly, long now) {
        List<Candidate> found = new ArrayList<>(n);
        try (MapSegmentContext<byte[], byte[], ?> context = map.segmentContext(segment)) {
            long size = context.size();
            if (size == 0) {
                return found;
            }
            long skip = size > n ? ThreadLocalRandom.current().nextLong(size) : 0;
            long[] index = {0};
            context.forEachSegmentEntryWhile(e -> {
                if (index[0]++ < skip) {
                    return true;
                }
                long expireAt = expiryOf(e.value());
                if (!isExpired(expireAt, now) && (!volatileOnly || expireAt != 0)) {
                    found.add(new Candidate(copyOf(e.key()), expireAt));
                }
                return found.size() < n;
            });
        }
        return found;
    }

    /** A sampled eviction candidate with its policy score. */
    private static final class Candidate {
        final byte[] key;
        final long expireAt;
        long score;

        Candidate(byte[] key, long expireAt) {
            this.key = key;
            this.expireAt = expireAt;
        }
    }

    // ---- bookkeeping ----

    private boolean removeExpired(byte[] key) {
        byte[] raw = map.remove(key);
        if (raw == null) {
            return false;
        }
        removed(key, raw);
        expired.incrementAndGet();
        listener.onRemoved(key, EntryCodec.decode(raw), RemovalListener.Cause.EXPIRED);
        return true;
    }

    private void removed(byte[] key, byte[] raw) {
        count.decrementAndGet();
        used.addAndGet(-entryBytes(key.length, raw.length));
        if (EntryCodec.expiry(raw) != 0) {
            expires.decrementAndGet();
        }
    }

    private static long entryBytes(long keyBytes, long storedValueBytes) {
        return keyBytes + storedValueBytes + ENTRY_OVERHEAD_BYTES;
    }

    private static boolean isExpired(long expireAt, long now) {
        return expireAt != 0 && expireAt <= now;
    }

    /**
     * A fresh copy of a key seen during iteration. WARNING: Data.get() may hand back an instance
     * Chronicle reuses for the next entry, so keys collected during iteration must be copied.
     */
    private static byte[] copyOf(Data<byte[]> key) {
        byte[] copy = new byte[(int) key.size()];
        key.bytes().read(key.offset(), copy, 0, copy.length);
        return copy;
    }

    /** Reads the expiry from the entry's bytes in place, without copying the value. */
    private static long expiryOf(Data<byte[]> value) {
        var bytes = value.bytes();
        long offset = value.offset();
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (bytes.readByte(offset + i) & 0xffL);
        }
        return v;
    }

}
