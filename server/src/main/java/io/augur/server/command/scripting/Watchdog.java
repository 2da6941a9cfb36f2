package io.augur.server.command.scripting;

import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * Stops a running script once its time is up, or once the heap it shares with the server runs
 * short: luaj calls {@link #onInstruction} for every VM instruction while a debug library is
 * installed; the script itself never sees the debug table.
 */
final class Watchdog extends DebugLib {

    /** Instructions between clock reads: a clock read costs ~20 ns, an instruction ~5 ns. */
    private static final int CHECK_EVERY_INSTRUCTIONS = 1024;

    /** Share of the maximum heap in use beyond which a script is stopped (the server needs the rest). */
    private static final double MAX_HEAP_SHARE = 0.75;
    private static final Runtime RUNTIME = Runtime.getRuntime();

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
            if (RUNTIME.totalMemory() - RUNTIME.freeMemory() > RUNTIME.maxMemory() * MAX_HEAP_SHARE) {
                System.gc(); // what is in use may be garbage: only a live excess stops the script
                if (RUNTIME.totalMemory() - RUNTIME.freeMemory() > RUNTIME.maxMemory() * MAX_HEAP_SHARE) {
                    throw new ScriptOutOfMemory();
                }
            }
        }
        super.onInstruction(pc, v, top);
    }
}
