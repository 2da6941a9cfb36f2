package io.augur.server.store;

import java.util.Arrays;

/** A key as an on-heap map key: the bytes with their hash computed once. */
final class KeyBytes {

    private final byte[] bytes;
    private final int hash;

    KeyBytes(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    byte[] bytes() {
        return bytes;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyBytes other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }
}
