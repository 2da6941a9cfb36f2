package io.augur.server.command.scripting;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis's {@code struct} library (Roberto Ierusalimschy's lua_struct.c, as Redis bundles it):
 * {@code struct.pack}, {@code struct.unpack} and {@code struct.size} over binary strings, with the
 * sizes of 64-bit Linux (short 2, int 4, long and size_t 8). Redisson's map caches and rate limiter
 * pack their entries with it.
 */
final class StructLib {

    /*
     * Format: '<' little, '>' big endian ('=' is not an option, as in lua_struct.c), '!n' max
     * alignment, 'x' a pad byte, b/B h/H l/L T i[n]/I[n] integers (lower case signed), f d floats,
     * 'c[n]' n bytes ('c0': in pack the whole string, in unpack the length read just before), 's' a
     * zero-terminated string, ' ' ignored. Numbers are Lua 5.1 doubles, as in Redis.
     */

    /** lua_struct.c's MAXINTSIZE: an i/I option wider than this is an error. */
    private static final int MAX_INT_BYTES = 32;
    /** lua_struct.c's MAXALIGN on x86-64: the alignment of a double. */
    private static final int MAX_ALIGN = 8;

    private StructLib() {
    }

    static LuaTable create() {
        LuaTable struct = new LuaTable();
        struct.rawset("pack", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return pack(args);
            }
        });
        struct.rawset("unpack", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return unpack(args);
            }
        });
        struct.rawset("size", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue format) {
                return size(format.checkjstring());
            }
        });
        return struct;
    }

    /** Endianness and alignment, changed by the control options as the format is read. */
    private static final class Header {
        boolean little = true;
        int align = 1;
    }

    /** The format being read: position and the optional number after an option. */
    private static final class Format {
        final String text;
        int at;

        Format(String text) {
            this.text = text;
        }

        boolean more() {
            return at < text.length();
        }

        char next() {
            return text.charAt(at++);
        }

        int number(int otherwise) {
            if (!more() || !Character.isDigit(text.charAt(at))) {
                return otherwise;
            }
            long n = 0;
            while (more() && Character.isDigit(text.charAt(at))) {
                n = n * 10 + (text.charAt(at++) - '0');
                if (n > Integer.MAX_VALUE) {
                    throw new LuaError("bad argument #1 (integral size too large)");
                }
            }
            return (int) n;
        }
    }

    private static int optionSize(char option, Format f) {
        return switch (option) {
            case 'B', 'b', 'x' -> 1;
            case 'H', 'h' -> 2;
            case 'L', 'l', 'T', 'd' -> 8;
            case 'f' -> 4;
            case 'c' -> f.number(1);
            case 'i', 'I' -> {
                int size = f.number(4);
                if (size > MAX_INT_BYTES) {
                    throw new LuaError("integral size " + size + " is larger than limit of " + MAX_INT_BYTES);
                }
                yield size;
            }
            default -> 0;
        };
    }

    private static int padding(long length, Header h, char option, int size) {
        if (size == 0 || option == 'c') {
            return 0;
        }
        int s = Math.min(size, h.align);
        return (int) ((s - (length & (s - 1))) & (s - 1));
    }

    private static void control(char option, Format f, Header h, String function) {
        switch (option) {
            case ' ' -> { }
            case '>' -> h.little = false;
            case '<' -> h.little = true;
            case '!' -> {
                int a = f.number(MAX_ALIGN);
                if (a == 0 || (a & (a - 1)) != 0) {
                    throw new LuaError("alignment " + a + " is not a power of 2");
                }
                h.align = a;
            }
            default -> throw new LuaError("bad argument #1 to '" + function + "' (invalid format option '" + option + "')");
        }
    }

    private static boolean isInteger(char option) {
        return "bBhHlLTiI".indexOf(option) >= 0;
    }

    private static Varargs pack(Varargs args) {
        Format f = new Format(args.checkjstring(1));
        Header h = new Header();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int arg = 2;
        while (f.more()) {
            char option = f.next();
            int size = optionSize(option, f);
            int pad = padding(out.size(), h, option, size);
            for (int i = 0; i < pad; i++) {
                out.write(0);
            }
            if (isInteger(option)) {
                double n = args.checkdouble(arg++);
                long value = (long) n; // C's conversion through a signed 64-bit integer
                writeInteger(out, value, h.little, size);
            } else if (option == 'x') {
                out.write(0);
            } else if (option == 'f') {
                writeInteger(out, Float.floatToRawIntBits((float) args.checkdouble(arg++)) & 0xFFFFFFFFL, h.little, 4);
            } else if (option == 'd') {
                writeInteger(out, Double.doubleToRawLongBits(args.checkdouble(arg++)), h.little, 8);
            } else if (option == 'c' || option == 's') {
                LuaString s = args.checkstring(arg++);
                int length = size == 0 ? s.rawlen() : size;
                if (s.rawlen() < length) {
                    throw new LuaError("bad argument #" + arg + " to 'pack' (string too short)");
                }
                out.write(s.m_bytes, s.m_offset, length);
                if (option == 's') {
                    out.write(0);
                }
            } else {
                control(option, f, h, "pack");
            }
        }
        return LuaString.valueUsing(out.toByteArray());
    }

    private static void writeInteger(ByteArrayOutputStream out, long value, boolean little, int size) {
        byte[] bytes = new byte[size];
        long v = value;
        for (int i = 0; i < size; i++) {
            bytes[little ? i : size - 1 - i] = (byte) v;
            v = i < 7 ? v >> 8 : (v < 0 ? -1 : 0); // beyond 8 bytes C shifts a 64-bit value: sign or zero
        }
        out.write(bytes, 0, size);
    }

    private static Varargs unpack(Varargs args) {
        Format f = new Format(args.checkjstring(1));
        LuaString data = args.checkstring(2);
        int length = data.rawlen();
        long start = args.optlong(3, 1);
        if (start < 1 || start - 1 > length) {
            throw new LuaError("bad argument #3 to 'unpack' (offset must be 1 or greater)");
        }
        long pos = start - 1;
        Header h = new Header();
        List<LuaValue> results = new ArrayList<>();
        while (f.more()) {
            char option = f.next();
            long size = optionSize(option, f);
            pos += padding(pos, h, option, (int) size);
            if (size > length || pos > length - size) {
                throw new LuaError("bad argument #2 to 'unpack' (data string too short)");
            }
            if (isInteger(option)) {
                long raw = readInteger(data, (int) pos, (int) size, h.little);
                boolean signed = Character.isLowerCase(option);
                double value;
                if (signed) {
                    int bits = (int) Math.min(64, size * 8);
                    value = bits == 64 ? raw : (double) ((raw << (64 - bits)) >> (64 - bits));
                } else {
                    value = raw >= 0 ? raw : (double) (raw >>> 1) * 2 + (raw & 1); // as an unsigned 64-bit
                }
                results.add(LuaValue.valueOf(value));
            } else if (option == 'f') {
                int bits = (int) readInteger(data, (int) pos, 4, h.little);
                results.add(LuaValue.valueOf(Float.intBitsToFloat(bits)));
            } else if (option == 'd') {
                results.add(LuaValue.valueOf(Double.longBitsToDouble(readInteger(data, (int) pos, 8, h.little))));
            } else if (option == 'c') {
                if (size == 0) {
                    if (results.isEmpty() || !results.get(results.size() - 1).isnumber()) {
                        throw new LuaError("format 'c0' needs a previous size");
                    }
                    size = (long) results.remove(results.size() - 1).todouble();
                    if (size > length || pos > length - size) {
                        throw new LuaError("bad argument #2 to 'unpack' (data string too short)");
                    }
                }
                results.add(data.substring((int) pos, (int) (pos + size)));
            } else if (option == 's') {
                int end = (int) pos;
                while (end < length && data.luaByte(end) != 0) {
                    end++;
                }
                if (end == length) {
                    throw new LuaError("unfinished string in data");
                }
                results.add(data.substring((int) pos, end));
                size = end - pos + 1;
            } else if (option != 'x') {
                control(option, f, h, "unpack");
            }
            pos += size;
        }
        results.add(LuaValue.valueOf(pos + 1));
        return LuaValue.varargsOf(results.toArray(new LuaValue[0]));
    }

    /** The integer at {@code pos}; past 8 bytes the high bytes fall off, as C's 64-bit shifts drop them. */
    private static long readInteger(LuaString data, int pos, int size, boolean little) {
        long value = 0;
        for (int i = 0; i < size; i++) {
            int b = data.luaByte(little ? pos + size - 1 - i : pos + i);
            value = (value << 8) | b;
        }
        return value;
    }

    private static LuaValue size(String format) {
        Format f = new Format(format);
        Header h = new Header();
        long pos = 0;
        while (f.more()) {
            char option = f.next();
            int size = optionSize(option, f);
            pos += padding(pos, h, option, size);
            if (option == 's') {
                throw new LuaError("bad argument #1 to 'size' (option 's' has no fixed size)");
            } else if (option == 'c' && size == 0) {
                throw new LuaError("bad argument #1 to 'size' (option 'c0' has no fixed size)");
            }
            if (!isInteger(option) && "xfdc".indexOf(option) < 0) {
                control(option, f, h, "size");
            }
            pos += size;
        }
        return LuaValue.valueOf(pos);
    }
}
