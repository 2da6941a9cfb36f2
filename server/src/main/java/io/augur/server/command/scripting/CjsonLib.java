package io.augur.server.command.scripting;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.OneArgFunction;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Redis's {@code cjson} library (lua-cjson 2.1 as Redis bundles it): {@code cjson.encode},
 * {@code cjson.decode} and the {@code cjson.null} sentinel. Queue libraries (BullMQ) and many
 * rate limiters keep JSON in keys through it. Parsing is Gson's, strict; encoding follows
 * lua-cjson's rules.
 */
final class CjsonLib {

    /*
     * lua-cjson's encoding rules, kept here: a table whose keys are all positive integers is an
     * array (holes become null) unless it is "excessively sparse" (largest index > 2 x count and
     * > 10); an empty table is an object; other tables are objects with string or number keys;
     * numbers print as C's "%.14g"; '/' is escaped as "\/"; NaN, infinity, functions and nesting
     * deeper than 1000 are errors with lua-cjson's texts.
     */

    private static final int MAX_DEPTH = 1000;
    private static final LuaValue NULL = new LuaUserdata(new Object() {
        @Override
        public String toString() {
            return "cjson.null";
        }
    });

    private CjsonLib() {
    }

    static LuaTable create() {
        LuaTable cjson = new LuaTable();
        cjson.rawset("encode", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue value) {
                StringBuilder out = new StringBuilder();
                encode(value, out, 1);
                return LuaString.valueOf(out.toString().getBytes(StandardCharsets.UTF_8));
            }
        });
        cjson.rawset("decode", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue text) {
                return decode(text.checkjstring());
            }
        });
        cjson.rawset("null", NULL);
        return cjson;
    }

    private static void encode(LuaValue value, StringBuilder out, int depth) {
        switch (value.type()) {
            case LuaValue.TNIL -> out.append("null");
            case LuaValue.TBOOLEAN -> out.append(value.toboolean() ? "true" : "false");
            case LuaValue.TNUMBER -> out.append(number(value.todouble()));
            case LuaValue.TSTRING -> string(value.tojstring(), out);
            case LuaValue.TTABLE -> table((LuaTable) value, out, depth);
            case LuaValue.TUSERDATA -> {
                if (value != NULL) {
                    throw new LuaError("Cannot serialise userdata: type not supported");
                }
                out.append("null");
            }
            default -> throw new LuaError("Cannot serialise " + value.typename() + ": type not supported");
        }
    }

    private static void table(LuaTable table, StringBuilder out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new LuaError("Cannot serialise, excessive nesting (" + depth + ")");
        }
        int arrayLength = arrayLength(table);
        if (arrayLength > 0) {
            out.append('[');
            for (int i = 1; i <= arrayLength; i++) {
                if (i > 1) {
                    out.append(',');
                }
                encode(table.rawget(i), out, depth + 1);
            }
            out.append(']');
            return;
        }
        out.append('{');
        boolean first = true;
        LuaValue k = LuaValue.NIL;
        while (true) {
            org.luaj.vm2.Varargs next = table.next(k);
            k = next.arg1();
            if (k.isnil()) {
                break;
            }
            String name;
            if (k.type() == LuaValue.TSTRING) {
                name = k.tojstring();
            } else if (k.type() == LuaValue.TNUMBER) {
                name = number(k.todouble());
            } else {
                throw new LuaError("Cannot serialise table: table key must be a number or string");
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            string(name, out);
            out.append(':');
            encode(next.arg(2), out, depth + 1);
        }
        out.append('}');
    }

    /** The largest index if every key is a positive integer (0: an object); lua-cjson's sparse check. */
    private static int arrayLength(LuaTable table) {
        int max = 0;
        int items = 0;
        LuaValue k = LuaValue.NIL;
        while (true) {
            k = table.next(k).arg1();
            if (k.isnil()) {
                break;
            }
            if (k.type() != LuaValue.TNUMBER || k.todouble() < 1 || k.todouble() != Math.floor(k.todouble())) {
                return 0;
            }
            max = (int) Math.max(max, Math.min(Integer.MAX_VALUE, k.todouble()));
            items++;
        }
        if (max > 10 && max > items * 2) {
            throw new LuaError("Cannot serialise table: excessively sparse array");
        }
        return max;
    }

    /** C's "%.14g", as lua-cjson prints numbers. */
    static String number(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new LuaError("Cannot serialise number: must not be NaN or Inf");
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        // HALF_EVEN on the exact binary value: what glibc printf does.
        BigDecimal rounded = new BigDecimal(d).round(new MathContext(14, java.math.RoundingMode.HALF_EVEN));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 14) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String sign = exponent < 0 ? "-" : "+";
            int e = Math.abs(exponent);
            return mantissa.toPlainString() + "e" + sign + (e < 10 ? "0" + e : Integer.toString(e));
        }
        return rounded.stripTrailingZeros().toPlainString();
    }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '/' -> out.append("\\/");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static LuaValue decode(String text) {
        JsonElement parsed;
        try (JsonReader reader = new JsonReader(new StringReader(text))) {
            reader.setStrictness(Strictness.STRICT);
            parsed = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new LuaError("Expected the end but found invalid token");
            }
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new LuaError("Expected value but found invalid token");
        }
        return toLua(parsed, 1);
    }

    private static LuaValue toLua(JsonElement e, int depth) {
        if (depth > MAX_DEPTH) {
            throw new LuaError("Found too many nested data structures (" + depth + ")");
        }
        if (e.isJsonNull()) {
            return NULL;
        }
        if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isBoolean()) {
                return LuaValue.valueOf(p.getAsBoolean());
            }
            if (p.isNumber()) {
                return LuaValue.valueOf(p.getAsDouble());
            }
            return LuaValue.valueOf(p.getAsString().getBytes(StandardCharsets.UTF_8));
        }
        LuaTable table = new LuaTable();
        if (e.isJsonArray()) {
            JsonArray array = e.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                table.rawset(i + 1, toLua(array.get(i), depth + 1));
            }
            return table;
        }
        JsonObject object = e.getAsJsonObject();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
            table.rawset(LuaValue.valueOf(entry.getKey().getBytes(StandardCharsets.UTF_8)), toLua(entry.getValue(), depth + 1));
        }
        return table;
    }
}
