package io.augur.server.command.scripting;

/**
 * A script used more of the heap than the server can spare (or one allocation did not fit). An
 * Error, not a LuaError, as {@link ScriptTimeout}: pcall must not swallow it.
 */
final class ScriptOutOfMemory extends Error {

    static final String MESSAGE = "ERR Error running script: out of memory";

    ScriptOutOfMemory() {
        super(MESSAGE, null, false, false);
    }
}
