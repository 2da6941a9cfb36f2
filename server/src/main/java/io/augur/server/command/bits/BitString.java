package io.augur.server.command.bits;

import io.augur.server.command.Invocation;
import io.augur.server.command.ValueLimit;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

import java.util.Arrays;

/**
 * A string value being changed bit by bit (SETBIT, BITFIELD): Redis's lookupStringForBitCommand,
 * which creates the key or zero-pads it so the highest bit written exists, keeping its TTL.
 */
final class BitString {

    final byte[] bytes;
    final long expireAtMillis;
    /** Whether the key was created or grown, so it must be written even if no bit changes. */
    final boolean grown;

    private BitString(byte[] bytes, long expireAtMillis, boolean grown) {
        this.bytes = bytes;
        this.expireAtMillis = expireAtMillis;
        this.grown = grown;
    }

    /** The key's string, at least long enough to hold bit {@code highestBit}; WRONGTYPE for other types. */
    static BitString forWrite(Invocation inv, byte[] key, long highestBit) {
        StoredValue old = inv.peek(key, ValueType.STRING);
        long neededBytes = (highestBit >>> 3) + 1;
        if (old == null || old.value().length < neededBytes) {
            ValueLimit.checkStorable(inv, neededBytes);
        }
        int needed = (int) neededBytes;
        if (old == null) {
            return new BitString(new byte[needed], 0, true);
        }
        byte[] current = old.value();
        boolean grow = current.length < needed;
        return new BitString(grow ? Arrays.copyOf(current, needed) : current.clone(), old.expireAtMillis(), grow);
    }

    void store(Invocation inv, byte[] key) {
        inv.store().put(key, bytes, expireAtMillis, false);
        inv.wrote(key);
    }

    /** Bit {@code offset} (0 = the most significant bit of the first byte); 0 past the end. */
    static int bit(byte[] s, long offset) {
        long index = offset >>> 3;
        if (index >= s.length) {
            return 0;
        }
        return (s[(int) index] >> (7 - (int) (offset & 7))) & 1;
    }

    static void setBit(byte[] s, long offset, int value) {
        int index = (int) (offset >>> 3);
        int mask = 1 << (7 - (int) (offset & 7));
        s[index] = (byte) (value == 0 ? s[index] & ~mask : s[index] | mask);
    }
}
