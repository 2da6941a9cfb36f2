package io.augur.server.command.scripting;

/**
 * Thrown from the instruction hook when a script that wrote (so cannot move to its own thread)
 * outlives busy-reply-threshold on the command thread, where it holds every client. An Error, not a
 * LuaError, on purpose: Lua's pcall and redis.pcall catch LuaErrors, so a script could otherwise
 * swallow its own stop and keep looping.
 */
final class ScriptTimeout extends Error {

    ScriptTimeout(long limitMillis) {
        super("ERR Script wrote, then ran past busy-reply-threshold (" + limitMillis
                + " ms) holding every client, and was stopped", null, false, false);
    }
}
