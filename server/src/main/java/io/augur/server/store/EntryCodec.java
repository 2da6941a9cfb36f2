package io.augur.server.store;

import net.openhft.chronicle.bytes.RandomDataInput;
import net.openhft.chronicle.hash.Data;

/**
 * The layout of a value inside Chronicle Map: an 8-byte little-endian expiry (epoch ms, 0 = none),
 * one flags byte (bit 0: prefetched and unread; bits 1-3: the {@link ValueType} code, 0 = string, so files
 * written before types existed read unchanged; bit 4: a paged collection, whose payload is a
 * {@link PagedHeader} and whose elements live in page entries), then the payload.
 */
final class EntryCodec {

    private static final int EXPIRY_OFFSET = 0;
    private static final int FLAGS_OFFSET = 8;
    /** Header bytes before the payload. */
    static final int HEADER_BYTES = 9;
    private static final byte PREFETCHED = 1;
    private static final int TYPE_SHIFT = 1;
    private static final int TYPE_MASK = 0b111;
    private static final byte PAGED = 1 << 4;
    /** Chronicle's own bookkeeping per entry, added to key and value bytes in used_memory. */
    static final int ENTRY_OVERHEAD_BYTES = 16;

    private EntryCodec() {
    }

    /** Reads one byte of an entry, so the layout below is written once for arrays and in-place data. */
    @FunctionalInterface
    private interface ByteSource {
        byte at(long index);
    }

    /** An entry's size as counted in used_memory: key, stored value (header included), overhead. */
    static long entryBytes(long keyBytes, long storedValueBytes) {
        return keyBytes + storedValueBytes + ENTRY_OVERHEAD_BYTES;
    }

    /** A string entry. */
    static byte[] encode(byte[] value, long expireAtMillis, boolean prefetched) {
        return encode(value, expireAtMillis, prefetched, ValueType.STRING);
    }

    static byte[] encode(byte[] value, long expireAtMillis, boolean prefetched, ValueType type) {
        return encode(value, expireAtMillis, prefetched, type, false);
    }

    /** An entry; {@code paged}: the value is a {@link PagedHeader}. */
    static byte[] encode(byte[] value, long expireAtMillis, boolean prefetched, ValueType type, boolean paged) {
        byte[] out = new byte[HEADER_BYTES + value.length];
        writeExpiry(out, expireAtMillis);
        out[FLAGS_OFFSET] = (byte) ((prefetched ? PREFETCHED : 0) | type.code() << TYPE_SHIFT | (paged ? PAGED : 0));
        System.arraycopy(value, 0, out, HEADER_BYTES, value.length);
        return out;
    }

    static StoredValue decode(byte[] stored) {
        byte[] value = new byte[stored.length - HEADER_BYTES];
        System.arraycopy(stored, HEADER_BYTES, value, 0, value.length);
        return new StoredValue(value, expiry(stored), prefetched(stored), type(stored[FLAGS_OFFSET]),
                (stored[FLAGS_OFFSET] & PAGED) != 0);
    }

    /** Decodes an entry in place from the map's memory: one copy of the payload, none of the header. */
    static StoredValue decode(Data<byte[]> stored) {
        RandomDataInput bytes = stored.bytes();
        long offset = stored.offset();
        byte[] value = new byte[(int) stored.size() - HEADER_BYTES];
        bytes.read(offset + HEADER_BYTES, value, 0, value.length);
        byte flags = bytes.readByte(offset + FLAGS_OFFSET);
        return new StoredValue(value, expiry(stored), prefetched(stored), type(flags), (flags & PAGED) != 0);
    }

    static long expiry(byte[] stored) {
        return expiry(i -> stored[(int) i]);
    }

    /**
     * The expiry read in place, without copying the value. A loop, not the ByteSource lambda: the
     * lambda captures the bytes and was allocated on every GET (async-profiler, alloc event).
     */
    static long expiry(Data<byte[]> stored) {
        RandomDataInput bytes = stored.bytes();
        long offset = stored.offset() + EXPIRY_OFFSET;
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (bytes.readByte(offset + i) & 0xffL);
        }
        return v;
    }

    static boolean prefetched(byte[] stored) {
        return (stored[FLAGS_OFFSET] & PREFETCHED) != 0;
    }

    static boolean prefetched(Data<byte[]> stored) {
        return (stored.bytes().readByte(stored.offset() + FLAGS_OFFSET) & PREFETCHED) != 0;
    }

    /** The type of an entry, read in place (SCAN ... TYPE filters without copying values). */
    static ValueType type(Data<byte[]> stored) {
        return type(stored.bytes().readByte(stored.offset() + FLAGS_OFFSET));
    }

    static ValueType type(byte[] stored) {
        return type(stored[FLAGS_OFFSET]);
    }

    static boolean paged(byte[] stored) {
        return (stored[FLAGS_OFFSET] & PAGED) != 0;
    }

    static boolean paged(Data<byte[]> stored) {
        return (stored.bytes().readByte(stored.offset() + FLAGS_OFFSET) & PAGED) != 0;
    }

    /** Whether a paged list's entry stores its header without its end pages' counts, read in place. */
    static boolean listEndsApart(byte[] stored) {
        return PagedHeader.endsApart(stored, HEADER_BYTES);
    }

    /** The header of a paged entry's bytes. */
    static PagedHeader header(byte[] stored) {
        return PagedHeader.decode(java.util.Arrays.copyOfRange(stored, HEADER_BYTES, stored.length));
    }

    /**
     * What the key's value costs, header included: the entry's value bytes, plus all its pages'
     * bytes for a paged collection (read in place: a paged header starts with its page bytes).
     */
    static long valueBytes(Data<byte[]> stored) {
        if (!paged(stored)) {
            return stored.size();
        }
        return stored.size() + stored.bytes().readLong(stored.offset() + HEADER_BYTES);
    }

    /** {@link #valueBytes(Data)} of a copied entry. */
    static long valueBytes(byte[] stored) {
        return paged(stored) ? stored.length + header(stored).pageBytes() : stored.length;
    }

    /** A copy with a new payload, expiry and flags kept. */
    static byte[] withPayload(byte[] stored, byte[] payload) {
        byte[] out = new byte[HEADER_BYTES + payload.length];
        System.arraycopy(stored, 0, out, 0, HEADER_BYTES);
        System.arraycopy(payload, 0, out, HEADER_BYTES, payload.length);
        return out;
    }

    private static ValueType type(byte flags) {
        return ValueType.ofCode((flags >>> TYPE_SHIFT) & TYPE_MASK);
    }

    /** A copy with a new expiry, payload and flags kept. */
    static byte[] withExpiry(byte[] stored, long expireAtMillis) {
        byte[] copy = stored.clone();
        writeExpiry(copy, expireAtMillis);
        return copy;
    }

    /** A copy with the prefetched mark cleared. */
    static byte[] unmarked(byte[] stored) {
        byte[] copy = stored.clone();
        copy[FLAGS_OFFSET] = (byte) (copy[FLAGS_OFFSET] & ~PREFETCHED);
        return copy;
    }

    private static long expiry(ByteSource in) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (in.at(EXPIRY_OFFSET + i) & 0xffL);
        }
        return v;
    }

    private static void writeExpiry(byte[] out, long expireAtMillis) {
        long v = expireAtMillis;
        for (int i = 0; i < 8; i++) {
            out[EXPIRY_OFFSET + i] = (byte) v;
            v >>>= 8;
        }
    }
}
