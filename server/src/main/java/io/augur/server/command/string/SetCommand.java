package io.augur.server.command.string;

import io.augur.server.command.CommandError;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

/** SET key value [NX | XX] [GET] [EX s | PX ms | EXAT s | PXAT ms | KEEPTTL], with Redis's option rules. */
final class SetCommand {

    private SetCommand() {
    }

    static void execute(Invocation inv) {
        if (inv.argc() == 3) {
            // Plain SET: no condition and no old value needed, so skip the lookup (the common case).
            Writes.put(inv, inv.arg(1), inv.arg(2), 0, "set");
            inv.reply().ok();
            return;
        }
        boolean nx = false;
        boolean xx = false;
        boolean get = false;
        boolean keepTtl = false;
        long expireAt = 0;
        boolean expirySet = false;
        for (int i = 3; i < inv.argc(); i++) {
            String option = inv.argLower(i);
            boolean hasNext = i + 1 < inv.argc();
            switch (option) {
                case "nx" -> {
                    if (xx) throw new CommandError(Errors.SYNTAX);
                    nx = true;
                }
                case "xx" -> {
                    if (nx) throw new CommandError(Errors.SYNTAX);
                    xx = true;
                }
                case "get" -> get = true;
                case "keepttl" -> {
                    if (expirySet) throw new CommandError(Errors.SYNTAX);
                    keepTtl = true;
                }
                case "ex", "px", "exat", "pxat" -> {
                    if (keepTtl || expirySet || !hasNext) throw new CommandError(Errors.SYNTAX);
                    long amount = inv.argLong(++i);
                    expireAt = switch (option) {
                        case "ex" -> Expiry.relative(inv.now(), amount, 1000, "set");
                        case "px" -> Expiry.relative(inv.now(), amount, 1, "set");
                        case "exat" -> Expiry.absolute(amount, 1000, "set");
                        default -> Expiry.absolute(amount, 1, "set");
                    };
                    expirySet = true;
                }
                default -> throw new CommandError(Errors.SYNTAX);
            }
        }
        byte[] key = inv.arg(1);
        StoredValue old = get ? inv.read(key, ValueType.STRING) : inv.store().peek(key); // SET overwrites any type
        boolean exists = old != null;
        if (nx && exists || xx && !exists) {
            if (get) {
                inv.reply().bulk(old == null ? null : old.value());
            } else {
                inv.reply().nullBulk();
            }
            return;
        }
        if (keepTtl && old != null) {
            Writes.put(inv, key, inv.arg(2), old.expireAtMillis(), "set");
        } else {
            Writes.putExpiring(inv, key, inv.arg(2), expireAt);
        }
        if (get) {
            inv.reply().bulk(old == null ? null : old.value());
        } else {
            inv.reply().ok();
        }
    }
}
