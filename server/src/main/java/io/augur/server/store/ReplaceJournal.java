package io.augur.server.store;

import net.openhft.chronicle.algo.hashing.LongHashFunction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes an in-place rewrite of an existing entry survive a kill -9 in its middle: the new bytes go
 * to this journal first, and the next start puts them back if the crash tore the entry.
 */
final class ReplaceJournal implements AutoCloseable {

    /*
     * Why: Chronicle rewrites an entry in place when the new value fits its chunks, and computes the
     * entry's checksum when the query context closes. A crash in between leaves the entry failing
     * its checksum, and the map's recovery removes it. For a string that loses the key's old value
     * (the write was not acknowledged, the key was); for a collection's page it loses every field on
     * the page, acknowledged long before. Inserts need nothing: a torn insert was not acknowledged.
     *
     * How: one record slot per stripe; a writer takes the stripe of its thread (a lock, so two
     * threads on one stripe wait in turn; writes of one key are already serialized by the key's
     * segment lock, taken first). Under the entry's lock: the record (key, new bytes, checksum) is
     * written and marked pending, the entry is rewritten and its checksum updated, the record is
     * marked done. At the next start a pending record whose checksum holds is put back when its key
     * is absent (the crash tore the entry and recovery removed it); a present key is left as it is
     * (the crash came before the rewrite began or after it ended). A record torn by the crash fails
     * its own checksum: then the entry was not touched yet.
     *
     * A stripe's first SLOT_MAPPED_BYTES are memory-mapped and written at open (a write into a hole
     * of a full disk would be a fault); a larger record is written with pwrite, whose failure is an
     * exception. The mapping and the file share the page cache, so both survive a process crash,
     * as the map itself does (neither survives a power loss unsynced).
     *
     * Layout: STRIPES slots of SLOT_MAPPED_BYTES, then one overflow area per stripe for records
     * that do not fit its slot. A slot: int state (0 done, 1 pending), int key length, int value
     * length, int 0, long checksum of lengths, key and value, long file offset of the key and value
     * bytes (right after this header, or in the overflow area). The offset is in the record, so a
     * start with another max-value-size still finds a record the last one left.
     */

    static final String FILE_NAME = "augur.journal";
    static final int STRIPES = 8;
    static final int SLOT_MAPPED_BYTES = 16 * 1024;
    private static final int HEADER_BYTES = 32;
    private static final int DONE = 0;
    private static final int PENDING = 1;
    private static final LongHashFunction HASH = LongHashFunction.xx_r39();

    private final FileChannel channel;
    /** Each stripe's slot, its first SLOT_MAPPED_BYTES. */
    private final MappedByteBuffer[] mapped;
    private final long overflowBytes;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    private ReplaceJournal(FileChannel channel, MappedByteBuffer[] mapped, long overflowBytes) {
        this.channel = channel;
        this.mapped = mapped;
        this.overflowBytes = overflowBytes;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** Opens or creates {@code dir/augur.journal} with slots for records up to the given bytes. */
    static ReplaceJournal open(Path dir, long largestRecordBytes) {
        long overflowBytes = align(largestRecordBytes);
        try {
            FileChannel channel = FileChannel.open(dir.resolve(FILE_NAME), StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                MappedByteBuffer[] mapped = new MappedByteBuffer[STRIPES];
                for (int i = 0; i < STRIPES; i++) {
                    long at = (long) i * SLOT_MAPPED_BYTES;
                    if (channel.size() < at + SLOT_MAPPED_BYTES) { // fill the mapped part's holes: see above
                        ByteBuffer zeros = ByteBuffer.allocate(SLOT_MAPPED_BYTES);
                        zeros.position((int) Math.max(0, channel.size() - at));
                        writeFully(channel, zeros, at);
                    }
                    mapped[i] = channel.map(FileChannel.MapMode.READ_WRITE, at, SLOT_MAPPED_BYTES);
                }
                return new ReplaceJournal(channel, mapped, overflowBytes);
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the journal " + dir.resolve(FILE_NAME) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the record of an entry's new bytes and marks it pending; the caller holds the entry's
     * lock, then rewrites the entry and its checksum, then calls {@link #end} with what this returns
     * (also when the rewrite failed). Its stripe stays taken until then.
     */
    int begin(byte[] key, byte[] bytes) {
        int stripe = (int) Thread.currentThread().getId() & (STRIPES - 1);
        locks[stripe].lock();
        try {
            record(stripe, key, bytes);
            mapped[stripe].putInt(0, PENDING);
            VarHandle.releaseFence(); // the record before the entry's first changed byte
            return stripe;
        } catch (RuntimeException | Error e) {
            locks[stripe].unlock();
            throw e;
        }
    }

    /** Lets the record go: the entry and its checksum are written (or the rewrite failed and changed nothing). */
    void end(int stripe) {
        VarHandle.releaseFence(); // the entry's checksum before the record is let go
        mapped[stripe].putInt(0, DONE);
        locks[stripe].unlock();
    }

    private void record(int stripe, byte[] key, byte[] bytes) {
        long length = (long) key.length + bytes.length;
        if (length > overflowBytes) {
            throw new IllegalArgumentException("entry of " + length + " bytes does not fit the journal's " + overflowBytes);
        }
        MappedByteBuffer slot = mapped[stripe];
        long slotAt = (long) stripe * SLOT_MAPPED_BYTES;
        long bodyAt = HEADER_BYTES + length <= SLOT_MAPPED_BYTES ? slotAt + HEADER_BYTES
                : (long) STRIPES * SLOT_MAPPED_BYTES + stripe * overflowBytes;
        slot.putInt(4, key.length).putInt(8, bytes.length).putInt(12, 0)
                .putLong(16, checksum(key.length, bytes.length, key, bytes)).putLong(24, bodyAt);
        if (bodyAt == slotAt + HEADER_BYTES) {
            slot.put(HEADER_BYTES, key).put(HEADER_BYTES + key.length, bytes);
            return;
        }
        try {
            writeFully(channel, ByteBuffer.allocate((int) length).put(key).put(bytes).flip(), bodyAt);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the journal: " + e.getMessage(), e);
        }
    }

    /** A record as the last start found it pending. */
    record Pending(byte[] key, byte[] bytes) {
    }

    /** The records a crash left pending whose checksum holds; see {@link #settle()}. */
    List<Pending> pending() {
        List<Pending> pending = new ArrayList<>();
        for (MappedByteBuffer slot : mapped) {
            Pending p = slot.getInt(0) == PENDING ? read(slot) : null;
            if (p != null) {
                pending.add(p);
            }
        }
        return pending;
    }

    /** Marks every record done, once the pending ones are back in the map. */
    void settle() {
        for (MappedByteBuffer slot : mapped) {
            slot.putInt(0, DONE);
        }
    }

    private Pending read(MappedByteBuffer slot) {
        int keyLength = slot.getInt(4);
        int valueLength = slot.getInt(8);
        long checksum = slot.getLong(16);
        long bodyAt = slot.getLong(24);
        try {
            long length = (long) keyLength + valueLength;
            if (keyLength < 0 || valueLength < 0 || length > Integer.MAX_VALUE - 8 || bodyAt < 0
                    || bodyAt + length > channel.size()) {
                return null; // a header torn by the crash (lengths past one array even where the file is that large)
            }
            ByteBuffer body = ByteBuffer.allocate(keyLength + valueLength);
            readFully(body, bodyAt);
            byte[] key = new byte[keyLength];
            byte[] bytes = new byte[valueLength];
            body.get(0, key).get(keyLength, bytes);
            return checksum(keyLength, valueLength, key, bytes) == checksum ? new Pending(key, bytes) : null;
        } catch (IOException e) {
            return null; // the file ends inside the record: the crash tore its write
        }
    }

    private void readFully(ByteBuffer into, long at) throws IOException {
        while (into.hasRemaining()) {
            if (channel.read(into, at + into.position()) < 0) {
                throw new IOException("end of journal");
            }
        }
    }

    /** Writes the buffer's remaining bytes, its byte 0 at file offset {@code base}. */
    private static void writeFully(FileChannel channel, ByteBuffer from, long base) throws IOException {
        while (from.hasRemaining()) {
            channel.write(from, base + from.position());
        }
    }

    private static long checksum(int keyLength, int valueLength, byte[] key, byte[] bytes) {
        return HASH.hashBytes(key) * 31 + HASH.hashBytes(bytes) ^ ((long) keyLength << 32 | valueLength);
    }

    private static long align(long bytes) {
        return (bytes + 4095) & ~4095L;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing pending at a clean close: every rewrite marked its record done
        }
    }
}
