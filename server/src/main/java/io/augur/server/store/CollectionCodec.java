package io.augur.server.store;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The payload of a collection held in one entry: a varint element count, then each element as a
 * varint length and its bytes. Every type's elements are a flat list here (a hash alternates field
 * and value, a sorted set member and 8-byte score); the types give the list its meaning.
 */
public final class CollectionCodec {

    /*
     * Cost: an element costs its bytes plus 1-5 bytes of length; a payload is read and rewritten
     * whole, so an update of a collection of n elements is O(n) in bytes copied. That is the cost of
     * the compact single-entry encoding, chosen for small collections (Redis's listpack makes the
     * same trade below 128 elements).
     */

    private CollectionCodec() {
    }

    /** The payload of these elements, in their iteration order. */
    public static byte[] encode(Collection<byte[]> elements) {
        int size = varintBytes(elements.size());
        for (byte[] e : elements) {
            size += varintBytes(e.length) + e.length;
        }
        byte[] out = new byte[size];
        int pos = writeVarint(out, 0, elements.size());
        for (byte[] e : elements) {
            pos = writeVarint(out, pos, e.length);
            System.arraycopy(e, 0, out, pos, e.length);
            pos += e.length;
        }
        return out;
    }

    /** The elements of a payload, in stored order (an empty payload is an empty collection). */
    public static List<byte[]> decode(byte[] payload) {
        if (payload.length == 0) {
            return new ArrayList<>();
        }
        int[] pos = {0};
        int count = readVarint(payload, pos);
        List<byte[]> elements = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int length = readVarint(payload, pos);
            byte[] e = new byte[length];
            System.arraycopy(payload, pos[0], e, 0, length);
            pos[0] += length;
            elements.add(e);
        }
        return elements;
    }

    /** How many elements a payload holds, without decoding them. */
    public static int count(byte[] payload) {
        return payload.length == 0 ? 0 : readVarint(payload, new int[] {0});
    }

    static int varintBytes(int value) {
        int n = 1;
        while ((value & ~0x7F) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }

    static int writeVarint(byte[] out, int pos, int value) {
        while ((value & ~0x7F) != 0) {
            out[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        out[pos++] = (byte) value;
        return pos;
    }

    static int readVarint(byte[] in, int[] pos) {
        int value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = in[pos[0]++];
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }
}
