package io.augur.server.command.string;

import io.augur.server.command.CommandError;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.config.NotifyKeyspaceEvents;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

/** GETEX key [EX s | PX ms | EXAT s | PXAT ms | PERSIST]: read, then change the expiry. */
final class GetExCommand {

    private GetExCommand() {
    }

    static void execute(Invocation inv) {
        long expireAt = -1;
        boolean persist = false;
        for (int i = 2; i < inv.argc(); i++) {
            String option = inv.argLower(i);
            boolean hasNext = i + 1 < inv.argc();
            switch (option) {
                case "persist" -> {
                    if (expireAt != -1) throw new CommandError(Errors.SYNTAX);
                    persist = true;
                }
                case "ex", "px", "exat", "pxat" -> {
                    if (persist || expireAt != -1 || !hasNext) throw new CommandError(Errors.SYNTAX);
                    long amount = inv.argLong(++i);
                    expireAt = switch (option) {
                        case "ex" -> Expiry.relative(inv.now(), amount, 1000, "getex");
                        case "px" -> Expiry.relative(inv.now(), amount, 1, "getex");
                        case "exat" -> Expiry.absolute(amount, 1000, "getex");
                        default -> Expiry.absolute(amount, 1, "getex");
                    };
                }
                default -> throw new CommandError(Errors.SYNTAX);
            }
        }
        byte[] key = inv.arg(1);
        StoredValue v = inv.read(key, ValueType.STRING);
        if (v == null) {
            inv.reply().nullBulk();
            return;
        }
        if (expireAt != -1) {
            boolean past = expireAt <= inv.now();
            if (past) {
                inv.store().delete(key);
            } else {
                inv.store().setExpireAt(key, expireAt);
            }
            inv.wrote(key);
            inv.notify(NotifyKeyspaceEvents.GENERIC, past ? "del" : "expire", key);
        } else if (persist && v.expireAtMillis() != 0) {
            inv.store().setExpireAt(key, 0);
            inv.wrote(key);
            inv.notify(NotifyKeyspaceEvents.GENERIC, "persist", key);
        }
        inv.reply().bulk(v.value());
    }
}
