package io.augur.server.command.bits;

import io.augur.server.command.CommandError;

/**
 * BITFIELD's OVERFLOW modes, with Redis's checkSignedBitfieldOverflow / checkUnsignedBitfieldOverflow
 * arithmetic (two's complement wrap-around included, so results match Redis bit for bit).
 */
enum Overflow {
    WRAP, SAT, FAIL;

    /** The value to store, or null when FAIL refuses the operation. */
    record Result(long value) {
    }

    static Overflow parse(String name) {
        return switch (name) {
            case "wrap" -> WRAP;
            case "sat" -> SAT;
            case "fail" -> FAIL;
            default -> throw new CommandError("ERR Invalid OVERFLOW type specified");
        };
    }

    /** {@code value + increment} in {@code type}, or what this mode makes of an overflow. */
    Result apply(BitfieldType type, long value, long increment) {
        int overflow = type.signed() ? signedOverflow(type, value, increment) : unsignedOverflow(type, value, increment);
        if (overflow == 0) {
            return new Result(value + increment);
        }
        return switch (this) {
            case FAIL -> null;
            case SAT -> new Result(overflow > 0 ? type.max() : type.min());
            case WRAP -> new Result(wrap(type, value + increment));
        };
    }

    private static int unsignedOverflow(BitfieldType type, long value, long increment) {
        long max = type.max();
        long maxIncrement = max - value;
        long minIncrement = -value;
        if (Long.compareUnsigned(value, max) > 0 || (increment > 0 && increment > maxIncrement)) {
            return 1;
        }
        if (increment < 0 && increment < minIncrement) {
            return -1;
        }
        return 0;
    }

    private static int signedOverflow(BitfieldType type, long value, long increment) {
        long max = type.max();
        long min = type.min();
        long maxIncrement = max - value; // may wrap; only read once value is in range, as in Redis
        long minIncrement = min - value;
        boolean full = type.bits() == 64;
        if (value > max || (!full && increment > maxIncrement) || (value >= 0 && increment > 0 && increment > maxIncrement)) {
            return 1;
        }
        if (value < min || (!full && increment < minIncrement) || (value < 0 && increment < 0 && increment < minIncrement)) {
            return -1;
        }
        return 0;
    }

    private static long wrap(BitfieldType type, long sum) {
        int bits = type.bits();
        if (bits == 64) {
            return sum;
        }
        long mask = -1L << bits;
        if (!type.signed()) {
            return sum & ~mask;
        }
        return (sum & (1L << (bits - 1))) != 0 ? sum | mask : sum & ~mask;
    }
}
