package io.augur.server.command.scripting;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.Bit32Lib;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.jse.JseMathLib;

import java.nio.charset.StandardCharsets;

/**
 * A fresh Lua environment for one script run: base, table, string, math, bit32 and struct only,
 * KEYS, ARGV and the redis table; globals are read-only, as in Redis 7.
 */
final class Sandbox {

    /*
     * What is left out, and why: io, os, package/require, luajava, dofile, loadfile reach the file
     * system or the JVM; coroutine runs each coroutine on a Java thread; collectgarbage calls
     * System.gc(); print writes to the server's stdout; debug would let a script remove the
     * watchdog's hook. load stays (Redis has it) but compiles text only: no undumper is installed,
     * so no bytecode can be loaded. A fresh environment per run (about the cost of a few small
     * tables) means no script can leave anything behind for the next one.
     */

    private static final String[] REMOVED = {"dofile", "loadfile", "print", "collectgarbage", "debug", "module",
            "require", "package"};

    private Sandbox() {
    }

    static Globals create(Watchdog watchdog, ScriptCall calls, byte[][] keys, byte[][] argv) {
        Globals g = new Globals();
        g.load(new BaseLib());
        g.load(new PackageLib()); // the libraries register in package.loaded; package and require go below
        g.load(new TableLib());
        g.load(new StringLib());
        g.load(new JseMathLib());
        g.load(new Bit32Lib());
        g.load(watchdog); // installs the instruction hook (globals.debuglib) and a "debug" table, removed below
        LuaC.install(g);
        for (String name : REMOVED) {
            g.rawset(name, LuaValue.NIL);
        }
        g.rawset("KEYS", array(keys));
        g.rawset("ARGV", array(argv));
        g.rawset("redis", redisTable(calls));
        g.rawset("struct", StructLib.create());
        g.rawset("cjson", CjsonLib.create());
        g.rawset("bit", BitLib.create());
        g.rawset("cmsgpack", CmsgpackLib.create());
        LuaTable guard = new LuaTable();
        guard.rawset("__index", new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue table, LuaValue key) {
                throw new LuaError("Script attempted to access nonexistent global variable '" + key.tojstring() + "'");
            }
        });
        guard.rawset("__newindex", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                throw new LuaError("Attempt to modify a readonly table");
            }
        });
        g.setmetatable(guard);
        return g;
    }

    private static LuaTable array(byte[][] values) {
        LuaTable t = new LuaTable(values.length, 0);
        for (int i = 0; i < values.length; i++) {
            t.rawset(i + 1, LuaString.valueUsing(values[i]));
        }
        return t;
    }

    private static LuaTable redisTable(ScriptCall calls) {
        LuaTable redis = new LuaTable();
        redis.rawset("call", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return calls.run(args, true);
            }
        });
        redis.rawset("pcall", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return calls.run(args, false);
            }
        });
        redis.rawset("error_reply", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue message) {
                return field("err", message.checkstring());
            }
        });
        redis.rawset("status_reply", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue message) {
                return field("ok", message.checkstring());
            }
        });
        redis.rawset("sha1hex", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue text) {
                return LuaValue.valueOf(ScriptCache.sha1(LuaToResp.bytes(text.checkstring())));
            }
        });
        redis.rawset("log", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.NONE; // Augur has no server log for scripts to write to
            }
        });
        redis.rawset("setresp", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue version) {
                if (version.checkint() != 2) {
                    throw new LuaError("RESP version must be 2 (Augur scripts do not speak RESP3)");
                }
                return LuaValue.NONE;
            }
        });
        redis.rawset("replicate_commands", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.TRUE;
            }
        });
        redis.rawset("set_repl", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return LuaValue.NONE;
            }
        });
        redis.rawset("LOG_DEBUG", 0);
        redis.rawset("LOG_VERBOSE", 1);
        redis.rawset("LOG_NOTICE", 2);
        redis.rawset("LOG_WARNING", 3);
        redis.rawset("REPL_NONE", 0);
        redis.rawset("REPL_ALL", 3);
        redis.rawset("REDIS_VERSION", LuaValue.valueOf("7.2.0".getBytes(StandardCharsets.US_ASCII)));
        return redis;
    }

    private static LuaTable field(String name, LuaString text) {
        LuaTable t = new LuaTable();
        t.rawset(name, text);
        return t;
    }
}
