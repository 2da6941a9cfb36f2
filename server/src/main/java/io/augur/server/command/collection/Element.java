package io.augur.server.command.collection;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A field, member or list element as an on-heap map key: its bytes, compared as Redis compares them (memcmp). */
public final class Element implements Comparable<Element> {

    private final byte[] bytes;
    private final int hash;

    public Element(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    public static Element of(String text) {
        return new Element(text.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Element other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Unsigned byte order, then length: Redis's order for equal scores and for BYLEX ranges. */
    @Override
    public int compareTo(Element other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
