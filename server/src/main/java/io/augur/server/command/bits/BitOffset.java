package io.augur.server.command.bits;

import io.augur.server.command.CommandError;
import io.augur.server.command.Invocation;
import io.augur.server.command.Numbers;

/** Redis's getBitOffsetFromArgument: a bit offset below proto-max-bulk-len bytes, {@code #n} = n fields. */
final class BitOffset {

    static final String ERROR = "ERR bit offset is not an integer or out of range";

    private BitOffset() {
    }

    /** A plain bit offset (SETBIT, GETBIT). */
    static long parse(Invocation inv, int arg) {
        return parse(inv, arg, 0);
    }

    /**
     * A bit offset; with {@code fieldBits > 0} (BITFIELD) {@code #n} means the n-th field of that width.
     * The bound stops a client from making the server allocate more than one bulk string can hold.
     */
    static long parse(Invocation inv, int arg, int fieldBits) {
        byte[] text = inv.arg(arg);
        boolean fields = fieldBits > 0 && text.length > 0 && text[0] == '#';
        Long value = Numbers.tryParseLong(fields ? java.util.Arrays.copyOfRange(text, 1, text.length) : text);
        if (value == null) {
            throw new CommandError(ERROR);
        }
        long offset = fields ? value * fieldBits : value; // wraps on overflow, as Redis's long long
        if (offset < 0 || (offset >>> 3) >= inv.server().config().protoMaxBulkLen()) {
            throw new CommandError(ERROR);
        }
        return offset;
    }
}
