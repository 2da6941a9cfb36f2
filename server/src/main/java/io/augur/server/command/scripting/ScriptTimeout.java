package io.augur.server.command.scripting;

/**
 * Thrown from the instruction hook when a script outlives lua-time-limit. An Error, not a
 * LuaError, on purpose: Lua's pcall and redis.pcall catch LuaErrors, so a script could otherwise
 * swallow its own stop and keep looping.
 */
final class ScriptTimeout extends Error {

    ScriptTimeout(long limitMillis) {
        super("ERR Script exceeded lua-time-limit (" + limitMillis + " ms) and was stopped", null, false, false);
    }
}
