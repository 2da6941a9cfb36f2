package io.augur.server.command.bits;

import io.augur.server.command.CommandError;
import io.augur.server.command.Numbers;

import java.util.Arrays;

/** A BITFIELD integer type: {@code i1}..{@code i64} or {@code u1}..{@code u63}, stored most significant bit first. */
record BitfieldType(boolean signed, int bits) {

    static BitfieldType parse(byte[] text, String error) {
        if (text.length < 2 || (text[0] != 'i' && text[0] != 'u')) {
            throw new CommandError(error);
        }
        boolean signed = text[0] == 'i';
        Long bits = Numbers.tryParseLong(Arrays.copyOfRange(text, 1, text.length));
        if (bits == null || bits < 1 || bits > (signed ? 64 : 63)) {
            throw new CommandError(error);
        }
        return new BitfieldType(signed, bits.intValue());
    }

    /** Largest value of the type. */
    long max() {
        return bits == 64 ? Long.MAX_VALUE : signed ? (1L << (bits - 1)) - 1 : (1L << bits) - 1;
    }

    /** Smallest value of the type. */
    long min() {
        return signed ? -max() - 1 : 0;
    }

    /** The field at {@code offset}; bits past the string's end read as zero. */
    long get(byte[] s, long offset) {
        long value = 0;
        for (int i = 0; i < bits; i++) {
            value = (value << 1) | BitString.bit(s, offset + i);
        }
        if (signed && bits < 64 && (value & (1L << (bits - 1))) != 0) {
            value |= -1L << bits; // sign-extend
        }
        return value;
    }

    /** Writes the low {@code bits} bits of {@code value}; the string is long enough. */
    void set(byte[] s, long offset, long value) {
        for (int i = 0; i < bits; i++) {
            BitString.setBit(s, offset + i, (int) (value >>> (bits - 1 - i)) & 1);
        }
    }
}
