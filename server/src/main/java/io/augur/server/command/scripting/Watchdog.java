package io.augur.server.command.scripting;

import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

import java.util.function.BooleanSupplier;

/**
 * Stops a running script when its rule says so, or once the heap it shares with the server runs
 * short: luaj calls {@link #onInstruction} for every VM instruction while a debug library is
 * installed; the script itself never sees the debug table.
 */
final class Watchdog extends DebugLib {

    /** Instructions between checks: a clock read costs ~20 ns, an instruction ~5 ns. */
    private static final int CHECK_EVERY_INSTRUCTIONS = 1024;

    /** Share of the maximum heap in use beyond which a script is stopped (the server needs the rest). */
    private static final double MAX_HEAP_SHARE = 0.75;
    private static final Runtime RUNTIME = Runtime.getRuntime();

    /** What a script may do, asked every {@link #CHECK_EVERY_INSTRUCTIONS} instructions; throws to stop it. */
    interface Rule {
        void check(long nowNanos);
    }

    private final Rule rule;
    private int countdown = CHECK_EVERY_INSTRUCTIONS;

    private Watchdog(Rule rule) {
        this.rule = rule;
    }

    /**
     * A script on the command thread, started at {@code startNanos}: past {@code moveAfterMillis}
     * it moves to its own thread while {@code mayMove} (it has not written); one that cannot move is
     * stopped at {@code limitMillis}, since it holds every client.
     */
    static Watchdog inline(long startNanos, long moveAfterMillis, long limitMillis, BooleanSupplier mayMove) {
        long moveAt = startNanos + moveAfterMillis * 1_000_000;
        long stopAt = startNanos + limitMillis * 1_000_000;
        return new Watchdog(now -> {
            if (now - moveAt > 0 && mayMove.getAsBoolean()) {
                throw new ScriptMoves();
            }
            if (now - stopAt > 0) {
                throw new ScriptTimeout(limitMillis);
            }
        });
    }

    /** A script on its own thread: it runs until it ends or SCRIPT KILL (or a shutdown) stops it, as in Redis. */
    static Watchdog ownThread(RunningScript running) {
        return new Watchdog(now -> {
            if (running.killed()) {
                throw new ScriptKilled();
            }
        });
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        if (--countdown == 0) {
            countdown = CHECK_EVERY_INSTRUCTIONS;
            rule.check(System.nanoTime());
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
