package io.augur.server.store;

import net.openhft.chronicle.hash.ChronicleHashCorruption;
import net.openhft.chronicle.hash.serialization.impl.ByteArraySizedReader;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** The store's data file: creates, reopens or recovers {@code dir/augur.dat} and marks it open. */
final class StoreFile implements AutoCloseable {

    /*
     * Persistence: the map is a memory-mapped file, so every acknowledged write is in the page
     * cache the moment put() returns and survives a process crash (kill -9); it reaches the disk
     * when the kernel writes the pages back (a power loss can lose the last seconds). A marker
     * file present while the store is open tells the next start that the last stop was unclean;
     * then the file is opened with recoverPersistedTo, which clears locks a dead process held.
     * Chronicle's recovery also checks every entry's checksum and removes an entry that fails it
     * (an entry whose write the crash tore): each one is logged and counted here. A torn rewrite of
     * an existing entry (a collection's page, with acknowledged fields on it) is then put back from
     * the ReplaceJournal beside the map, before anything reads the map.
     *
     * Disk: the file is created sparse, so it takes disk blocks (and page cache) as entries fill
     * it, not for the whole capacity up front. Measured: an empty store of 1M entries took 376 MB
     * on disk preallocated, a few MB sparse (`du -sh` of the data directory). A write into a hole
     * of a full disk is a fault (SIGBUS) that kills the process, so a new file is kept only when the
     * disk has room for all of it (requireRoom), as Chronicle's own fallocate check did.
     */

    private static final String FILE_NAME = "augur.dat";
    private static final String OPEN_MARKER = "augur.open";
    private static final Logger LOG = LoggerFactory.getLogger(StoreFile.class);

    private final EntryMap map;
    private final Path markerFile;
    private final Path dataFile;
    private final boolean recovered;
    private final int corruptions;
    private final int restored;

    private StoreFile(EntryMap map, Path markerFile, Path dataFile, boolean recovered, int corruptions, int restored) {
        this.map = map;
        this.markerFile = markerFile;
        this.dataFile = dataFile;
        this.recovered = recovered;
        this.corruptions = corruptions;
        this.restored = restored;
    }

    /** Creates or reopens {@code dir/augur.dat}; recovers it when the previous process did not close it. */
    static StoreFile open(StoreConfig config) {
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
        ChronicleMapBuilder<byte[], byte[]> builder = builder(config);
        AtomicInteger corruptions = new AtomicInteger();
        try {
            ChronicleMap<byte[], byte[]> map = unclean
                    ? builder.recoverPersistedTo(file.toFile(), true, c -> reportCorruption(c, corruptions))
                    : existed ? builder.createPersistedTo(file.toFile()) : createSparse(builder, file);
            EntryMap entries = null;
            int restored;
            try {
                entries = new EntryMap(map, ReplaceJournal.open(dir, largestEntry(config)));
                restored = entries.restoreTornRewrites();
            } catch (RuntimeException e) {
                if (entries != null) {
                    entries.close(); // the map and the journal
                } else {
                    map.close();
                }
                throw e;
            }
            Files.writeString(marker, Long.toString(ProcessHandle.current().pid()));
            return new StoreFile(entries, marker, file, unclean, corruptions.get(), restored);
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

    /**
     * The map's configuration. Chronicle writes it into a new file's header and reopens a file
     * with the configuration its header holds, so a file created by an earlier version keeps its
     * own (e.g. Chronicle's ByteArrayDataAccess instead of CopiedBytesAccess).
     */
    static ChronicleMapBuilder<byte[], byte[]> builder(StoreConfig config) {
        return ChronicleMap.of(byte[].class, byte[].class)
                .name("augur")
                .entries(config.entries())
                .averageKeySize(config.averageKeyBytes())
                .averageValueSize(config.averageValueBytes() + EntryCodec.HEADER_BYTES)
                .actualSegments(segmentsFor(config))
                .entriesPerSegment(entriesPerSegment(config))
                .actualChunkSize(CHUNK_BYTES)
                .actualChunksPerSegmentTier(chunksPerSegmentTier(config))
                .keyReaderAndDataAccess(ByteArraySizedReader.INSTANCE, new CopiedBytesAccess())
                .valueReaderAndDataAccess(ByteArraySizedReader.INSTANCE, new CopiedBytesAccess())
                .sparseFile(true);
    }

    /**
     * Creates the sparse file and fails it when the disk could not fill it: its holes would fault
     * when written. Chronicle zeroes the segment headers while creating it; on a disk too small even
     * for those, that write faults at once (the JVM reports a fault on a mapped page as an
     * InternalError), which is the same "not enough space".
     */
    private static ChronicleMap<byte[], byte[]> createSparse(ChronicleMapBuilder<byte[], byte[]> builder, Path file)
            throws IOException {
        ChronicleMap<byte[], byte[]> map;
        try {
            map = builder.createPersistedTo(file.toFile());
        } catch (InternalError e) {
            throw new IOException("Not enough space to create the data file: " + e.getMessage(), e);
        }
        long size = Files.size(file);
        long free = Files.getFileStore(file).getUsableSpace();
        if (free < size) {
            map.close();
            throw new IOException("Not enough space for a data file of " + size + " bytes, " + free + " free");
        }
        return map;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: the start-up error already says what went wrong
        }
    }

    /*
     * Sizing: Chronicle refuses an entry needing more chunks than one segment tier has ("Entry is
     * too large: requires 262145 chunks, 103750 is maximum" for a 16 MB value in a 10,000-entry
     * store). Segments and tiers are therefore sized apart: the segment count keeps a segment near
     * ENTRIES_PER_SEGMENT entries, because eviction sampling, the active expiry step, RANDOMKEY and
     * a SCAN page each walk one whole segment; each tier gets the chunks its entries need on average
     * (twice, as Chronicle's own default) plus room for one largest entry. The file is sparse, so the
     * extra room costs disk only once written; the disk must still have room for all of it
     * (createSparse). Both are fixed when the file is created: a file made with a smaller
     * max-value-size keeps refusing larger entries.
     */

    /*
     * Chronicle's allocation unit, set explicitly so the tier arithmetic below holds. An entry takes
     * whole chunks, so on average half a chunk per entry is lost: a SET of a 16-byte key and a 100 B
     * value is a 131-byte entry, 192 B in 64-byte chunks and 144 B in 16-byte ones. Measured (RSS
     * growth per key, 486,000 such keys): 274 B at 64, 238 at 32, 225 at 16 (Redis: 209), with no
     * change in SET/GET throughput or in writing 16 MB values. A tier's chunk bitset grows 4x (one
     * bit per chunk), still under 140 KB, and is only touched where entries are.
     */
    static final int CHUNK_BYTES = 16;
    /** Entries per segment aimed at: what a segment walk visits (1 MB values gave ~7,500 before). */
    static final long ENTRIES_PER_SEGMENT = 4096;

    static int segmentsFor(StoreConfig config) {
        long segments = Math.max(1, config.entries() / ENTRIES_PER_SEGMENT);
        return Integer.highestOneBit((int) Math.min(segments, 1 << 16));
    }

    /** Chunks per segment tier: its share of average entries, twice, plus one largest entry. */
    static long chunksPerSegmentTier(StoreConfig config) {
        long averageEntry = config.averageKeyBytes() + config.averageValueBytes() + EntryCodec.HEADER_BYTES
                + EntryCodec.ENTRY_OVERHEAD_BYTES;
        return 2 * entriesPerSegment(config) * chunks(averageEntry) + chunks(largestEntry(config)) + 1;
    }

    private static long largestEntry(StoreConfig config) {
        return config.maxKeyBytes() + config.maxValueBytes() + EntryCodec.HEADER_BYTES + EntryCodec.ENTRY_OVERHEAD_BYTES;
    }

    static long entriesPerSegment(StoreConfig config) {
        int segments = segmentsFor(config);
        return (config.entries() + segments - 1) / segments;
    }

    private static long chunks(long bytes) {
        return (bytes + CHUNK_BYTES - 1) / CHUNK_BYTES;
    }

    EntryMap map() {
        return map;
    }

    /** Drops the pages the open read (or read ahead) from the resident set; see {@link StorePages}. */
    long releaseOpenPages() {
        return StorePages.releaseReadAhead(dataFile);
    }

    /** Whether this open recovered the file after an unclean stop. */
    boolean recovered() {
        return recovered;
    }

    /** Corruptions Chronicle's recovery found and repaired in this open (0 without recovery). */
    int corruptions() {
        return corruptions;
    }

    /** Entries a crash tore in the middle of a rewrite, put back from the journal in this open. */
    int restored() {
        return restored;
    }

    private static void reportCorruption(ChronicleHashCorruption c, AtomicInteger count) {
        count.incrementAndGet();
        LOG.warn("data file recovery, segment {}: {}",
                c.segmentIndex(), c.message(), c.exception());
    }

    /** Closes the map, then removes the marker: the next start finds a clean file. */
    @Override
    public void close() {
        map.close();
        try {
            Files.deleteIfExists(markerFile);
        } catch (IOException e) {
            // the next start will recover the file; nothing is lost
        }
    }
}
