package io.augur.server.command.scripting;

import io.netty.buffer.ByteBuf;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

import java.nio.charset.StandardCharsets;

/**
 * A command's RESP2 reply as Redis hands it to Lua: integer → number, bulk → string, nil → false,
 * array → table, status → {ok=...}, error → {err=...} (nested errors included).
 */
final class RespToLua {

    private RespToLua() {
    }

    /** Reads one whole reply from the buffer (the command wrote exactly one). */
    static LuaValue read(ByteBuf in) {
        byte type = in.readByte();
        return switch (type) {
            case ':' -> LuaValue.valueOf((double) Long.parseLong(line(in)));
            case '+' -> table("ok", line(in));
            case '-' -> table("err", line(in));
            case '$' -> {
                int length = Integer.parseInt(line(in));
                if (length < 0) {
                    yield LuaValue.FALSE;
                }
                byte[] bytes = new byte[length];
                in.readBytes(bytes);
                in.skipBytes(2);
                yield LuaString.valueUsing(bytes);
            }
            case '*' -> {
                int count = Integer.parseInt(line(in));
                if (count < 0) {
                    yield LuaValue.FALSE;
                }
                LuaTable array = new LuaTable(count, 0);
                for (int i = 1; i <= count; i++) {
                    array.rawset(i, read(in));
                }
                yield array;
            }
            default -> throw new IllegalStateException("not a RESP2 reply type: " + (char) type);
        };
    }

    private static LuaTable table(String field, String text) {
        LuaTable t = new LuaTable();
        t.rawset(field, LuaValue.valueOf(text));
        return t;
    }

    private static String line(ByteBuf in) {
        int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\r');
        String text = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.UTF_8);
        in.readerIndex(end + 2);
        return text;
    }
}
