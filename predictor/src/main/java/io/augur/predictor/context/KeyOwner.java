package io.augur.predictor.context;

import java.util.Arrays;

/**
 * The entity a key belongs to, read off the key itself: the Redis hash tag ({@code cart:{user42}}
 * belongs to {@code user42}), else the leading {@code <type>:<id>} of a key with more after it
 * ({@code user:123:profile} belongs to {@code user:123}).
 */
public final class KeyOwner {

    /*
     * Why these two rules: the hash tag is the one convention Redis itself defines for "these keys
     * go together" (cluster slots), so applications that care already use it. Otherwise most
     * frameworks build keys as <type>:<id>:<field>; the id segment (it holds a digit) with a field
     * after it names an owner. A key with nothing after its id (product:42) is a thing many owners
     * read, not an owner: it joins whichever owner its connection read last.
     */

    private static final byte SEPARATOR = ':';

    private KeyOwner() {
    }

    /** The owner's bytes, or null when the key names none. */
    public static byte[] of(byte[] key) {
        byte[] tag = hashTag(key);
        return tag != null ? tag : idPrefix(key);
    }

    /** The Redis hash tag's content ({@code {user42}}), or null. */
    public static byte[] tagOf(byte[] key) {
        return hashTag(key);
    }

    /** The leading {@code <type>:<id>} of a key with a field after it, or null. */
    public static byte[] idPrefixOf(byte[] key) {
        return idPrefix(key);
    }

    private static byte[] hashTag(byte[] key) {
        int open = indexOf(key, (byte) '{', 0);
        if (open < 0) {
            return null;
        }
        int close = indexOf(key, (byte) '}', open + 1);
        if (close <= open + 1) {
            return null; // no closing brace, or "{}": Redis hashes the whole key then
        }
        return Arrays.copyOfRange(key, open + 1, close);
    }

    private static byte[] idPrefix(byte[] key) {
        int start = indexOf(key, SEPARATOR, 0) + 1; // the type segment ends at the first separator
        if (start <= 0) {
            return null;
        }
        while (start < key.length) {
            int end = indexOf(key, SEPARATOR, start);
            if (end < 0) {
                return null; // the last segment: nothing follows it, so it owns nothing
            }
            if (hasDigit(key, start, end)) {
                return Arrays.copyOf(key, end);
            }
            start = end + 1;
        }
        return null;
    }

    private static boolean hasDigit(byte[] key, int from, int to) {
        for (int i = from; i < to; i++) {
            if (key[i] >= '0' && key[i] <= '9') {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] key, byte b, int from) {
        for (int i = from; i < key.length; i++) {
            if (key[i] == b) {
                return i;
            }
        }
        return -1;
    }
}
