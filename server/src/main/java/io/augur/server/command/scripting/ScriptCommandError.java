package io.augur.server.command.scripting;

import org.luaj.vm2.LuaError;

/** redis.call's error reply raised into Lua; uncaught, EVAL replies with it and where it happened. */
final class ScriptCommandError extends LuaError {

    private final String reply;

    ScriptCommandError(String reply) {
        super(reply, 1); // level 1: the Lua closure that called redis.call fills in its position (fileline)
        this.reply = reply;
    }

    String reply() {
        return reply;
    }

    /** The script line of the redis.call, from luaj's "user_script:3"; 0 when unknown. */
    int line() {
        String at = fileline;
        if (at == null) {
            return 0;
        }
        int colon = at.lastIndexOf(':');
        try {
            return Integer.parseInt(at.substring(colon + 1).trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
