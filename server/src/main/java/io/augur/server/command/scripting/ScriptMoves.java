package io.augur.server.command.scripting;

/**
 * Thrown by the inline watchdog when a script that has not yet written outlives its inline budget:
 * it is run again from the start on its own thread, which frees the command thread to answer
 * others. An Error, as {@link ScriptTimeout}, so that pcall cannot catch it.
 */
final class ScriptMoves extends Error {

    ScriptMoves() {
        super("script moves to its own thread", null, false, false);
    }
}
