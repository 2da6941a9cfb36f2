package io.augur.server.command.bits;

import io.augur.server.command.CommandError;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.Reply;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

import java.util.ArrayList;
import java.util.List;

/**
 * BITFIELD key [GET type offset] [SET type offset value] [INCRBY type offset increment]
 * [OVERFLOW WRAP|SAT|FAIL] ... and BITFIELD_RO (GET only): all operations are parsed (and any error
 * reported) before the first one runs; they then run in order on one value, written once.
 */
final class BitfieldCommand {

    private static final String TYPE_ERROR =
            "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.";

    private BitfieldCommand() {
    }

    private enum Op { GET, SET, INCRBY }

    private record Operation(Op op, BitfieldType type, long offset, long value, Overflow overflow) {
    }

    static void execute(Invocation inv, boolean readOnlyCommand) {
        List<Operation> ops = new ArrayList<>();
        Overflow overflow = Overflow.WRAP;
        boolean readOnly = true;
        long highestWrite = 0;
        for (int j = 2; j < inv.argc(); j++) {
            int remaining = inv.argc() - j - 1;
            String sub = inv.argLower(j);
            Op op;
            if (sub.equals("get") && remaining >= 2) {
                op = Op.GET;
            } else if (sub.equals("set") && remaining >= 3) {
                op = Op.SET;
            } else if (sub.equals("incrby") && remaining >= 3) {
                op = Op.INCRBY;
            } else if (sub.equals("overflow") && remaining >= 1) {
                overflow = Overflow.parse(inv.argLower(++j));
                continue;
            } else {
                throw new CommandError(Errors.SYNTAX);
            }
            BitfieldType type = BitfieldType.parse(inv.arg(j + 1), TYPE_ERROR);
            long offset = BitOffset.parse(inv, j + 2, type.bits());
            long value = 0;
            if (op != Op.GET) {
                readOnly = false;
                highestWrite = Math.max(highestWrite, offset + type.bits() - 1);
                value = inv.argLong(j + 3);
            }
            ops.add(new Operation(op, type, offset, value, overflow));
            j += op == Op.GET ? 2 : 3;
        }
        byte[] key = inv.arg(1);
        if (readOnly) {
            StoredValue v = inv.read(key, ValueType.STRING);
            byte[] s = v == null ? new byte[0] : v.value();
            Reply reply = inv.reply();
            reply.array(ops.size());
            for (Operation o : ops) {
                reply.integer(o.type().get(s, o.offset()));
            }
            return;
        }
        if (readOnlyCommand) {
            throw new CommandError("ERR BITFIELD_RO only supports the GET subcommand");
        }
        BitString s = BitString.forWrite(inv, key, highestWrite);
        Reply reply = inv.reply();
        // The whole reply is known before anything is written: compute it, store once, then reply.
        Long[] results = new Long[ops.size()];
        boolean changed = s.grown;
        for (int i = 0; i < ops.size(); i++) {
            Operation o = ops.get(i);
            BitfieldType type = o.type();
            long old = type.get(s.bytes, o.offset());
            if (o.op() == Op.GET) {
                results[i] = old;
                continue;
            }
            Overflow.Result r = o.op() == Op.INCRBY
                    ? o.overflow().apply(type, old, o.value())
                    : o.overflow().apply(type, o.value(), 0);
            if (r == null) {
                results[i] = null; // OVERFLOW FAIL: nothing written, nil replied
                continue;
            }
            results[i] = o.op() == Op.INCRBY ? r.value() : old;
            type.set(s.bytes, o.offset(), r.value());
            changed |= r.value() != old;
        }
        if (changed) {
            s.store(inv, key);
        }
        reply.array(results.length);
        for (Long result : results) {
            if (result == null) {
                reply.nullBulk();
            } else {
                reply.integer(result);
            }
        }
    }
}
