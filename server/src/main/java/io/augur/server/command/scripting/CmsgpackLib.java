package io.augur.server.command.scripting;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Redis's {@code cmsgpack} library (lua_cmsgpack.c 0.4 as Redis bundles it): {@code cmsgpack.pack}
 * and {@code cmsgpack.unpack} between Lua values and MessagePack. BullMQ's scripts keep job options
 * in it. The byte format follows lua_cmsgpack.c so packed values match Redis's byte for byte.
 */
final class CmsgpackLib {

    /*
     * lua_cmsgpack.c's choices: an integral number in int64 range packs as the smallest int format,
     * any other number as float32 when that loses nothing, else float64; strings as fixstr / str8 /
     * str16 / str32; a table whose keys are exactly 1..n is an array (an empty table too), other
     * tables are maps; nesting deeper than 16 packs as nil. unpack returns every value in the string.
     */

    private static final int MAX_NESTING = 16;

    private CmsgpackLib() {
    }

    static LuaTable create() {
        LuaTable lib = new LuaTable();
        lib.rawset("pack", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                if (args.narg() == 0) {
                    throw new LuaError("MessagePack pack needs input.");
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                for (int i = 1; i <= args.narg(); i++) {
                    encode(args.arg(i), out, 0);
                }
                return LuaString.valueOf(out.toByteArray());
            }
        });
        lib.rawset("unpack", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaString s = args.checkstring(1);
                byte[] bytes = new byte[s.rawlen()];
                s.copyInto(0, bytes, 0, bytes.length);
                Reader reader = new Reader(bytes);
                List<LuaValue> values = new ArrayList<>();
                while (reader.pos < bytes.length) {
                    values.add(reader.value(0));
                }
                return LuaValue.varargsOf(values.toArray(new LuaValue[0]));
            }
        });
        return lib;
    }

    private static void encode(LuaValue v, ByteArrayOutputStream out, int level) {
        switch (v.type()) {
            case LuaValue.TNUMBER -> number(v.todouble(), out);
            case LuaValue.TSTRING -> {
                LuaString s = v.checkstring();
                int n = s.rawlen();
                if (n < 32) {
                    out.write(0xa0 | n);
                } else if (n <= 0xff) {
                    out.write(0xd9);
                    out.write(n);
                } else if (n <= 0xffff) {
                    out.write(0xda);
                    be(out, n, 2);
                } else {
                    out.write(0xdb);
                    be(out, n, 4);
                }
                byte[] bytes = new byte[n];
                s.copyInto(0, bytes, 0, n);
                out.write(bytes, 0, n);
            }
            case LuaValue.TBOOLEAN -> out.write(v.toboolean() ? 0xc3 : 0xc2);
            case LuaValue.TTABLE -> {
                if (level >= MAX_NESTING) {
                    out.write(0xc0);
                } else {
                    table((LuaTable) v, out, level);
                }
            }
            default -> out.write(0xc0);
        }
    }

    private static void table(LuaTable t, ByteArrayOutputStream out, int level) {
        long count = 0;
        double max = 0;
        boolean array = true;
        LuaValue k = LuaValue.NIL;
        while (true) {
            k = t.next(k).arg1();
            if (k.isnil()) {
                break;
            }
            count++;
            if (array && k.type() == LuaValue.TNUMBER && k.todouble() > 0 && k.todouble() == Math.floor(k.todouble())) {
                max = Math.max(max, k.todouble());
            } else {
                array = false;
            }
        }
        if (array && max == count) {
            header(out, count, 0x90, 0xdc, 0xdd);
            for (int i = 1; i <= count; i++) {
                encode(t.rawget(i), out, level + 1);
            }
            return;
        }
        header(out, count, 0x80, 0xde, 0xdf);
        k = LuaValue.NIL;
        while (true) {
            Varargs next = t.next(k);
            k = next.arg1();
            if (k.isnil()) {
                break;
            }
            encode(k, out, level + 1);
            encode(next.arg(2), out, level + 1);
        }
    }

    private static void header(ByteArrayOutputStream out, long n, int fix, int sixteen, int thirtyTwo) {
        if (n <= 15) {
            out.write(fix | (int) n);
        } else if (n <= 0xffff) {
            out.write(sixteen);
            be(out, n, 2);
        } else {
            out.write(thirtyTwo);
            be(out, n, 4);
        }
    }

    private static void number(double d, ByteArrayOutputStream out) {
        if (!Double.isInfinite(d) && !Double.isNaN(d) && d == (double) (long) d && Math.abs(d) < 9.3e18) {
            integer((long) d, out);
        } else if (d == (double) (float) d || Double.isNaN(d)) {
            out.write(0xca);
            be(out, Float.floatToIntBits((float) d), 4);
        } else {
            out.write(0xcb);
            be(out, Double.doubleToLongBits(d), 8);
        }
    }

    private static void integer(long n, ByteArrayOutputStream out) {
        if (n >= 0) {
            if (n <= 127) {
                out.write((int) n);
            } else if (n <= 0xff) {
                out.write(0xcc);
                out.write((int) n);
            } else if (n <= 0xffff) {
                out.write(0xcd);
                be(out, n, 2);
            } else if (n <= 0xffffffffL) {
                out.write(0xce);
                be(out, n, 4);
            } else {
                out.write(0xcf);
                be(out, n, 8);
            }
        } else if (n >= -32) {
            out.write((int) (n & 0xff));
        } else if (n >= -128) {
            out.write(0xd0);
            out.write((int) (n & 0xff));
        } else if (n >= -32768) {
            out.write(0xd1);
            be(out, n, 2);
        } else if (n >= Integer.MIN_VALUE) {
            out.write(0xd2);
            be(out, n, 4);
        } else {
            out.write(0xd3);
            be(out, n, 8);
        }
    }

    private static void be(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)) & 0xff);
        }
    }

    /** Reads MessagePack values from a byte array. */
    private static final class Reader {
        private final byte[] b;
        private int pos;

        Reader(byte[] b) {
            this.b = b;
        }

        LuaValue value(int level) {
            int t = (int) u(1);
            if (t <= 0x7f) {
                return LuaValue.valueOf(t);
            }
            if (t >= 0xe0) {
                return LuaValue.valueOf((byte) t);
            }
            if ((t & 0xe0) == 0xa0) {
                return bytes(t & 0x1f);
            }
            if ((t & 0xf0) == 0x90) {
                return array(t & 0x0f, level);
            }
            if ((t & 0xf0) == 0x80) {
                return map(t & 0x0f, level);
            }
            return switch (t) {
                case 0xc0 -> LuaValue.NIL;
                case 0xc2 -> LuaValue.FALSE;
                case 0xc3 -> LuaValue.TRUE;
                case 0xcc -> LuaValue.valueOf((int) u(1));
                case 0xcd -> LuaValue.valueOf((int) u(2));
                case 0xce -> LuaValue.valueOf((double) u(4));
                case 0xcf -> LuaValue.valueOf(unsigned64(s(8)));
                case 0xd0 -> LuaValue.valueOf((double) (byte) u(1));
                case 0xd1 -> LuaValue.valueOf((double) (short) u(2));
                case 0xd2 -> LuaValue.valueOf((double) (int) u(4));
                case 0xd3 -> LuaValue.valueOf((double) s(8));
                case 0xca -> LuaValue.valueOf((double) Float.intBitsToFloat((int) u(4)));
                case 0xcb -> LuaValue.valueOf(Double.longBitsToDouble(s(8)));
                case 0xd9, 0xc4 -> bytes((int) u(1));
                case 0xda, 0xc5 -> bytes((int) u(2));
                case 0xdb, 0xc6 -> bytes(length(u(4)));
                case 0xdc -> array((int) u(2), level);
                case 0xdd -> array(length(u(4)), level);
                case 0xde -> map((int) u(2), level);
                case 0xdf -> map(length(u(4)), level);
                default -> throw new LuaError("Bad data format in input.");
            };
        }

        private LuaValue array(int n, int level) {
            LuaTable t = new LuaTable();
            for (int i = 1; i <= n; i++) {
                t.rawset(i, value(level + 1));
            }
            return t;
        }

        private LuaValue map(int n, int level) {
            LuaTable t = new LuaTable();
            for (int i = 0; i < n; i++) {
                LuaValue key = value(level + 1);
                LuaValue val = value(level + 1);
                if (!key.isnil()) {
                    t.rawset(key, val);
                }
            }
            return t;
        }

        private LuaValue bytes(int n) {
            need(n);
            LuaValue s = LuaString.valueOf(java.util.Arrays.copyOfRange(b, pos, pos + n));
            pos += n;
            return s;
        }

        private static int length(long n) {
            if (n > Integer.MAX_VALUE) {
                throw new LuaError("Missing bytes in input.");
            }
            return (int) n;
        }

        private static double unsigned64(long v) {
            return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
        }

        private long u(int n) {
            need(n);
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = (v << 8) | (b[pos++] & 0xff);
            }
            return v;
        }

        private long s(int n) {
            return u(n);
        }

        private void need(int n) {
            if (n < 0 || pos + n > b.length) {
                throw new LuaError("Missing bytes in input.");
            }
        }
    }
}
