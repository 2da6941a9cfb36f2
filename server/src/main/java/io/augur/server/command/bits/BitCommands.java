package io.augur.server.command.bits;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.Numbers;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

/** The bitmap family: SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD and BITFIELD_RO (Redis 7.0's rules). */
public final class BitCommands {

    private static final String BIT_VALUE_ERROR = "ERR bit is not an integer or out of range";

    private BitCommands() {
    }

    public static void register(CommandTable t) {
        t.command("setbit", 4).flags("write", "denyoom").keys(1, 1, 1)
                .doc("bitmap", "2.2.0", "Sets or clears the bit at offset of the string value. Creates the key if it doesn't exist.")
                .run(BitCommands::setbit);
        t.command("getbit", 3).flags("readonly", "fast").keys(1, 1, 1)
                .doc("bitmap", "2.2.0", "Returns a bit value by offset.").run(BitCommands::getbit);
        t.command("bitcount", -2).flags("readonly").keys(1, 1, 1)
                .doc("bitmap", "2.6.0", "Counts the number of set bits (population counting) in a string.")
                .run(BitCommands::bitcount);
        t.command("bitpos", -3).flags("readonly").keys(1, 1, 1)
                .doc("bitmap", "2.8.7", "Finds the first set (1) or clear (0) bit in a string.").run(BitCommands::bitpos);
        t.command("bitop", -4).flags("write", "denyoom").keys(2, -1, 1)
                .doc("bitmap", "2.6.0", "Performs bitwise operations on multiple strings, and stores the result.")
                .run(BitOperation::execute);
        t.command("bitfield", -2).flags("write", "denyoom").keys(1, 1, 1)
                .doc("bitmap", "3.2.0", "Performs arbitrary bitfield integer operations on strings.")
                .run(inv -> BitfieldCommand.execute(inv, false));
        t.command("bitfield_ro", -2).flags("readonly", "fast").keys(1, 1, 1)
                .doc("bitmap", "6.0.0", "Performs arbitrary read-only bitfield integer operations on strings.")
                .run(inv -> BitfieldCommand.execute(inv, true));
    }

    private static void setbit(Invocation inv) {
        long offset = BitOffset.parse(inv, 2);
        long on = Numbers.parseLong(inv.arg(3), BIT_VALUE_ERROR);
        if ((on & ~1L) != 0) {
            throw new CommandError(BIT_VALUE_ERROR);
        }
        byte[] key = inv.arg(1);
        BitString s = BitString.forWrite(inv, key, offset);
        int old = BitString.bit(s.bytes, offset);
        BitString.setBit(s.bytes, offset, (int) on);
        s.store(inv, key);
        inv.reply().integer(old);
    }

    private static void getbit(Invocation inv) {
        long offset = BitOffset.parse(inv, 2);
        StoredValue v = inv.read(inv.arg(1), ValueType.STRING);
        inv.reply().integer(v == null ? 0 : BitString.bit(v.value(), offset));
    }

    private static void bitcount(Invocation inv) {
        // Redis 7.0 looks the key up first: a missing key counts 0 whatever the arguments.
        StoredValue v = inv.read(inv.arg(1), ValueType.STRING);
        if (v == null) {
            inv.reply().integer(0);
            return;
        }
        byte[] s = v.value();
        BitRange range;
        if (inv.argc() == 4 || inv.argc() == 5) {
            long start = inv.argLong(2);
            long end = inv.argLong(3);
            if (start < 0 && end < 0 && start > end) {
                inv.reply().integer(0);
                return;
            }
            boolean bits = inv.argc() == 5 && unitIsBit(inv, 4);
            range = BitRange.of(s.length, start, end, bits);
        } else if (inv.argc() == 2) {
            range = BitRange.whole(s.length);
        } else {
            throw new CommandError(Errors.SYNTAX);
        }
        long count = 0;
        for (long bit = range.first(); bit <= range.last(); ) {
            if ((bit & 7) == 0 && bit + 7 <= range.last()) {
                count += Integer.bitCount(s[(int) (bit >>> 3)] & 0xFF);
                bit += 8;
            } else {
                count += BitString.bit(s, bit);
                bit++;
            }
        }
        inv.reply().integer(count);
    }

    private static void bitpos(Invocation inv) {
        long bit = inv.argLong(2);
        if (bit != 0 && bit != 1) {
            throw new CommandError("ERR The bit argument must be 1 or 0.");
        }
        StoredValue v = inv.read(inv.arg(1), ValueType.STRING);
        if (v == null) {
            // A missing key is an endless run of zeros.
            inv.reply().integer(bit == 1 ? -1 : 0);
            return;
        }
        byte[] s = v.value();
        BitRange range;
        boolean endGiven = inv.argc() >= 5;
        if (inv.argc() >= 4 && inv.argc() <= 6) {
            long start = inv.argLong(3);
            boolean bits = inv.argc() == 6 && unitIsBit(inv, 5);
            long end = endGiven ? inv.argLong(4) : bits ? ((long) s.length << 3) + 7 : s.length - 1L;
            range = BitRange.of(s.length, start, end, bits);
        } else if (inv.argc() == 3) {
            range = BitRange.whole(s.length);
        } else {
            throw new CommandError(Errors.SYNTAX);
        }
        if (range.empty()) {
            inv.reply().integer(-1);
            return;
        }
        for (long i = range.first(); i <= range.last(); i++) {
            if ((i & 7) == 0 && i + 7 <= range.last() && s[(int) (i >>> 3)] == (bit == 1 ? 0 : (byte) 0xFF)) {
                i += 7; // a whole byte without the bit sought
                continue;
            }
            if (BitString.bit(s, i) == bit) {
                inv.reply().integer(i);
                return;
            }
        }
        // No clear bit in range: without an explicit end the string continues with zeros.
        boolean pastEnd = bit == 0 && !endGiven;
        inv.reply().integer(pastEnd ? (range.lastByte() + 1) * 8 : -1);
    }

    private static boolean unitIsBit(Invocation inv, int arg) {
        return switch (inv.argLower(arg)) {
            case "bit" -> true;
            case "byte" -> false;
            default -> throw new CommandError(Errors.SYNTAX);
        };
    }
}
