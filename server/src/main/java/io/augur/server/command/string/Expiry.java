package io.augur.server.command.string;

import io.augur.server.command.CommandError;
import io.augur.server.command.Errors;

/** Turns EX/PX/EXAT/PXAT arguments into an absolute expiry in epoch milliseconds, with Redis's checks. */
final class Expiry {

    private Expiry() {
    }

    /** now + amount × unit; a non-positive amount or an overflow is "invalid expire time". */
    static long relative(long nowMillis, long amount, long unitMillis, String command) {
        if (amount <= 0) {
            throw new CommandError(Errors.invalidExpireTime(command));
        }
        try {
            return Math.addExact(nowMillis, Math.multiplyExact(amount, unitMillis));
        } catch (ArithmeticException e) {
            throw new CommandError(Errors.invalidExpireTime(command));
        }
    }

    /** amount × unit as an absolute time; a non-positive amount or an overflow is "invalid expire time". */
    static long absolute(long amount, long unitMillis, String command) {
        if (amount <= 0) {
            throw new CommandError(Errors.invalidExpireTime(command));
        }
        try {
            return Math.multiplyExact(amount, unitMillis);
        } catch (ArithmeticException e) {
            throw new CommandError(Errors.invalidExpireTime(command));
        }
    }
}
