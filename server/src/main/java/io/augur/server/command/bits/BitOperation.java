package io.augur.server.command.bits;

import io.augur.server.command.CommandError;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

/** BITOP AND | OR | XOR | NOT destkey key [key ...]: missing keys are empty strings, shorter ones zero-padded. */
final class BitOperation {

    private BitOperation() {
    }

    static void execute(Invocation inv) {
        String op = inv.argLower(1);
        if (!op.equals("and") && !op.equals("or") && !op.equals("xor") && !op.equals("not")) {
            throw new CommandError(Errors.SYNTAX);
        }
        if (op.equals("not") && inv.argc() != 4) {
            throw new CommandError("ERR BITOP NOT must be called with a single source key.");
        }
        int sources = inv.argc() - 3;
        byte[][] values = new byte[sources][];
        int maxLength = 0;
        for (int i = 0; i < sources; i++) {
            StoredValue v = inv.read(inv.arg(3 + i), ValueType.STRING);
            values[i] = v == null ? new byte[0] : v.value();
            maxLength = Math.max(maxLength, values[i].length);
        }
        byte[] dest = inv.arg(2);
        if (maxLength == 0) {
            if (inv.store().delete(dest)) {
                inv.wrote(dest);
            }
            inv.reply().integer(0);
            return;
        }
        byte[] result = new byte[maxLength];
        for (int j = 0; j < maxLength; j++) {
            int out = byteAt(values[0], j);
            if (op.equals("not")) {
                out = ~out;
            }
            for (int i = 1; i < sources; i++) {
                int b = byteAt(values[i], j);
                out = switch (op) {
                    case "and" -> out & b;
                    case "or" -> out | b;
                    default -> out ^ b;
                };
            }
            result[j] = (byte) out;
        }
        inv.store().put(dest, result, 0, false); // as SET: the destination loses its TTL
        inv.wrote(dest);
        inv.reply().integer(maxLength);
    }

    private static int byteAt(byte[] s, int i) {
        return i < s.length ? s[i] & 0xFF : 0;
    }
}
