package io.augur.server.command.scripting;

import io.augur.server.command.Reply;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * A script's return value as Redis replies it: number → integer (truncated), string → bulk,
 * true → 1, false/nil → nil, {ok=s} → status, {err=s} → error, table → array up to its first nil.
 */
final class LuaToResp {

    /** Nesting Redis itself allows in a script reply before it gives up; stops self-referencing tables. */
    private static final int MAX_DEPTH = 1000;

    private LuaToResp() {
    }

    static void write(Reply reply, LuaValue value) {
        write(reply, value, 0);
    }

    private static void write(Reply reply, LuaValue value, int depth) {
        switch (value.type()) {
            case LuaValue.TNUMBER -> reply.integer((long) value.todouble());
            case LuaValue.TSTRING -> reply.bulk(bytes(value.checkstring()));
            case LuaValue.TBOOLEAN -> {
                if (value.toboolean()) {
                    reply.integer(1);
                } else {
                    reply.nullBulk();
                }
            }
            case LuaValue.TTABLE -> table(reply, (LuaTable) value, depth);
            default -> reply.nullBulk();
        }
    }

    private static void table(Reply reply, LuaTable table, int depth) {
        LuaValue err = table.rawget("err");
        if (err.type() == LuaValue.TSTRING) {
            reply.error(clean(err.tojstring()));
            return;
        }
        LuaValue ok = table.rawget("ok");
        if (ok.type() == LuaValue.TSTRING) {
            reply.simple(clean(ok.tojstring()));
            return;
        }
        if (depth >= MAX_DEPTH) {
            reply.error("ERR reached lua stack limit");
            return;
        }
        int n = 0;
        while (!table.rawget(n + 1).isnil()) {
            n++;
        }
        reply.array(n);
        for (int i = 1; i <= n; i++) {
            write(reply, table.rawget(i), depth + 1);
        }
    }

    /** Status and error lines cannot hold CR or LF (Redis replaces them the same way). */
    static String clean(String text) {
        return text.replace('\r', ' ').replace('\n', ' ');
    }

    static byte[] bytes(LuaString s) {
        byte[] out = new byte[s.m_length];
        s.copyInto(0, out, 0, out.length);
        return out;
    }
}
