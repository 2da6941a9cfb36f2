package io.augur.server.store;

/**
 * The layout of a value inside Chronicle Map: an 8-byte little-endian expiry (epoch ms, 0 = none),
 * one flags byte (bit 0: prefetched and unread), then the payload.
 */
final class EntryCodec {

    static final int HEADER_BYTES = 9;
    private static final byte PREFETCHED = 1;

    private EntryCodec() {
    }

    static byte[] encode(byte[] value, long expireAtMillis, boolean prefetched) {
        byte[] out = new byte[HEADER_BYTES + value.length];
        writeExpiry(out, expireAtMillis);
        out[8] = prefetched ? PREFETCHED : 0;
        System.arraycopy(value, 0, out, HEADER_BYTES, value.length);
        return out;
    }

    static StoredValue decode(byte[] stored) {
        byte[] value = new byte[stored.length - HEADER_BYTES];
        System.arraycopy(stored, HEADER_BYTES, value, 0, value.length);
        return new StoredValue(value, expiry(stored), (stored[8] & PREFETCHED) != 0);
    }

    static long expiry(byte[] stored) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (stored[i] & 0xffL);
        }
        return v;
    }

    static boolean prefetched(byte[] stored) {
        return (stored[8] & PREFETCHED) != 0;
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
        copy[8] = (byte) (copy[8] & ~PREFETCHED);
        return copy;
    }

    private static void writeExpiry(byte[] out, long expireAtMillis) {
        long v = expireAtMillis;
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) v;
            v >>>= 8;
        }
    }
}
