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
        return lineOf(this);
    }

    /**
     * The script line where a Lua error was raised: luaj prefixes the message with the raising
     * frame's "@user_script:3" (fileline) once a Lua frame caught it; 0 when no frame did.
     */
    static int lineOf(LuaError e) {
        String message = e.getMessage();
        String prefix = "@" + ScriptCache.CHUNK_NAME + ":";
        if (message == null || !message.startsWith(prefix)) {
            return 0;
        }
        int end = prefix.length();
        while (end < message.length() && Character.isDigit(message.charAt(end))) {
            end++;
        }
        return end == prefix.length() ? 0 : Integer.parseInt(message.substring(prefix.length(), end));
    }
}
