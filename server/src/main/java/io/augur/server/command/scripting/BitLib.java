package io.augur.server.command.scripting;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

import java.util.function.IntBinaryOperator;

/**
 * Redis's {@code bit} library (LuaBitOp 1.0): bitwise operations on 32-bit signed integers, as
 * {@code bit.band}, {@code bor}, {@code bxor}, {@code bnot}, {@code lshift}, {@code rshift},
 * {@code arshift}, {@code rol}, {@code ror}, {@code bswap}, {@code tobit} and {@code tohex}.
 * (luaj's {@code bit32} is Lua 5.2's library: unsigned results, other names.)
 */
final class BitLib {

    private BitLib() {
    }

    static LuaTable create() {
        LuaTable bit = new LuaTable();
        bit.rawset("tobit", unary(x -> x));
        bit.rawset("bnot", unary(x -> ~x));
        bit.rawset("bswap", unary(Integer::reverseBytes));
        bit.rawset("band", fold((a, b) -> a & b));
        bit.rawset("bor", fold((a, b) -> a | b));
        bit.rawset("bxor", fold((a, b) -> a ^ b));
        bit.rawset("lshift", shift((x, n) -> x << n));
        bit.rawset("rshift", shift((x, n) -> x >>> n));
        bit.rawset("arshift", shift((x, n) -> x >> n));
        bit.rawset("rol", shift(Integer::rotateLeft));
        bit.rawset("ror", shift(Integer::rotateRight));
        bit.rawset("tohex", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                int x = toBit(args.checknumber(1).todouble());
                int n = args.isnoneornil(2) ? 8 : toBit(args.checknumber(2).todouble());
                boolean upper = n < 0;
                n = Math.min(8, Math.abs(n));
                String hex = String.format(upper ? "%08X" : "%08x", x);
                return LuaValue.valueOf(hex.substring(8 - n));
            }
        });
        return bit;
    }

    /**
     * LuaBitOp's number to bit conversion: rounded to an integer, then taken modulo 2^32 as a signed
     * 32-bit value (it adds 2^52 + 2^51 and keeps the low word, which rounds half to even).
     */
    static int toBit(double x) {
        double r = Math.rint(x);
        double wrapped = r - Math.floor(r / 4294967296.0) * 4294967296.0;
        return (int) (long) wrapped;
    }

    private static VarArgFunction unary(java.util.function.IntUnaryOperator op) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.valueOf(op.applyAsInt(toBit(args.checknumber(1).todouble())));
            }
        };
    }

    private static VarArgFunction fold(IntBinaryOperator op) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                int result = toBit(args.checknumber(1).todouble());
                for (int i = 2; i <= args.narg(); i++) {
                    result = op.applyAsInt(result, toBit(args.checknumber(i).todouble()));
                }
                return LuaValue.valueOf(result);
            }
        };
    }

    private static VarArgFunction shift(IntBinaryOperator op) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                int x = toBit(args.checknumber(1).todouble());
                int n = toBit(args.checknumber(2).todouble()) & 31;
                return LuaValue.valueOf(op.applyAsInt(x, n));
            }
        };
    }
}
