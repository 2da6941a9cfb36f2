package io.augur.server.command.scripting;

import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * Stops a running script once its time is up: luaj calls {@link #onInstruction} for every VM
 * instruction while a debug library is installed; the script itself never sees the debug table.
 */
final class Watchdog extends DebugLib {

    /** Instructions between clock reads: a clock read costs ~20 ns, an instruction ~5 ns. */
    private static final int CHECK_EVERY_INSTRUCTIONS = 1024;

    private final long deadlineNanos;
    private final long limitMillis;
    private int countdown = CHECK_EVERY_INSTRUCTIONS;

    Watchdog(long limitMillis) {
        this.limitMillis = limitMillis;
        this.deadlineNanos = System.nanoTime() + limitMillis * 1_000_000;
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        if (--countdown == 0) {
            countdown = CHECK_EVERY_INSTRUCTIONS;
            if (System.nanoTime() - deadlineNanos > 0) {
                throw new ScriptTimeout(limitMillis);
            }
        }
        super.onInstruction(pc, v, top);
    }
}
