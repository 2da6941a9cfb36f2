package io.augur.server.command.scripting;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.Numbers;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;

import java.util.Arrays;
import java.util.Locale;

/**
 * EVAL, EVALSHA, SCRIPT LOAD|EXISTS|FLUSH|KILL: Lua scripts run atomically on the command thread,
 * in a sandbox, stopped with an error once they pass lua-time-limit.
 */
public final class ScriptingCommands {

    static final String NOSCRIPT = "NOSCRIPT No matching script. Please use EVAL.";

    private static final java.util.regex.Pattern LUAJ_POSITION =
            java.util.regex.Pattern.compile("(?s)@?(" + ScriptCache.CHUNK_NAME + ":\\d+):? (.*)");

    private final ScriptCache cache = new ScriptCache();

    private ScriptingCommands() {
    }

    public static void register(CommandTable t) {
        ScriptingCommands scripting = new ScriptingCommands(); // one script cache per command table (per server)
        t.command("eval", -3).flags("noscript", "skip_monitor", "may-replicate", "no-mandatory-keys")
                .doc("scripting", "2.6.0", "Executes a server-side Lua script.").run(inv -> scripting.eval(inv, false));
        t.command("evalsha", -3).flags("noscript", "skip_monitor", "may-replicate", "no-mandatory-keys")
                .doc("scripting", "2.6.0", "Executes a server-side Lua script by SHA1 digest.").run(inv -> scripting.evalsha(inv, false));
        t.command("eval_ro", -3).flags("readonly", "noscript", "stale", "skip_monitor", "no-mandatory-keys")
                .doc("scripting", "7.0.0", "Executes a read-only server-side Lua script.")
                .run(inv -> scripting.eval(inv, true));
        t.command("evalsha_ro", -3).flags("readonly", "noscript", "stale", "skip_monitor", "no-mandatory-keys")
                .doc("scripting", "7.0.0", "Executes a read-only server-side Lua script by SHA1 digest.")
                .run(inv -> scripting.evalsha(inv, true));
        t.command("script", -2).flags("noscript")
                .doc("scripting", "2.6.0", "A container for Lua scripts management commands.").run(scripting::script);
    }

    /** EVAL, or EVAL_RO when {@code readOnly}: the script may then call no command that writes or publishes. */
    private void eval(Invocation inv, boolean readOnly) {
        byte[] source = inv.arg(1);
        checkNumkeys(inv); // before caching: Redis caches only a script it went on to run
        String sha = cache.load(source); // so that EVALSHA finds it afterwards
        run(inv, sha, cache.get(sha), readOnly);
    }

    private void evalsha(Invocation inv, boolean readOnly) {
        String sha = inv.argString(1).toLowerCase(Locale.ROOT);
        Prototype script = cache.get(sha);
        if (script == null) {
            throw new CommandError(NOSCRIPT);
        }
        run(inv, sha, script, readOnly);
    }

    private static long checkNumkeys(Invocation inv) {
        long numkeys = Numbers.parseLong(inv.arg(2), Errors.NOT_INTEGER);
        if (numkeys < 0) {
            throw new CommandError("ERR Number of keys can't be negative");
        }
        if (numkeys > inv.argc() - 3) {
            throw new CommandError("ERR Number of keys can't be greater than number of args");
        }
        return numkeys;
    }

    private void run(Invocation inv, String sha, Prototype script, boolean readOnly) {
        long numkeys = checkNumkeys(inv);
        byte[][] keys = args(inv, 3, 3 + (int) numkeys);
        byte[][] argv = args(inv, 3 + (int) numkeys, inv.argc());
        Watchdog watchdog = new Watchdog(inv.server().config().luaTimeLimitMillis());
        ScriptCall calls = new ScriptCall(inv.server(), inv.client(), readOnly);
        Globals globals = Sandbox.create(watchdog, calls, keys, argv);
        int db = inv.client().db(); // a SELECT inside the script ends with the script
        LuaValue result;
        try {
            result = new LuaClosure(script, globals).call();
        } catch (ScriptTimeout e) {
            throw new CommandError(e.getMessage());
        } catch (ScriptCommandError e) {
            throw new CommandError(e.reply() + where(sha, e.line()));
        } catch (LuaError e) {
            throw new CommandError(runtimeError(e, sha));
        } catch (StackOverflowError e) {
            throw new CommandError("ERR Error running script: stack overflow" + where(sha, 0));
        } catch (ScriptOutOfMemory | OutOfMemoryError e) {
            // One allocation too large for the heap (string.rep of a gigabyte), or the watchdog's
            // heap check: what the script built is garbage once it returns, so the server goes on.
            throw new CommandError(ScriptOutOfMemory.MESSAGE + where(sha, 0));
        } finally {
            inv.client().db(db);
        }
        LuaToResp.write(inv.reply(), result);
    }

    /** A Lua runtime error as Redis 7 words it: "ERR user_script:1: boom script: sha, on @user_script:1." */
    private static String runtimeError(LuaError e, String sha) {
        LuaValue object = e.getMessageObject();
        if (object != null && object.istable() && object.rawget("err").isstring()) {
            return LuaToResp.clean(object.rawget("err").tojstring()) + where(sha, ScriptCommandError.lineOf(e)); // error({err = ...})
        }
        String message = String.valueOf(e.getMessage());
        int trace = message.indexOf("\nstack traceback:");
        if (trace >= 0) {
            message = message.substring(0, trace); // luaj appends a traceback while the watchdog is installed
        }
        // luaj says "@user_script:1 boom"; Lua 5.1 (and so Redis) says "user_script:1: boom".
        java.util.regex.Matcher at = LUAJ_POSITION.matcher(message);
        if (at.matches()) {
            message = at.group(1) + ": " + at.group(2);
        }
        message = LuaToResp.clean(message);
        int line = lineOf(message);
        return "ERR " + message + where(sha, line > 0 ? line : ScriptCommandError.lineOf(e));
    }

    private static String where(String sha, int line) {
        return " script: " + sha + ", on @" + ScriptCache.CHUNK_NAME + ":" + line + ".";
    }

    private static int lineOf(String message) {
        String prefix = ScriptCache.CHUNK_NAME + ":";
        if (!message.startsWith(prefix)) {
            return 0;
        }
        int end = prefix.length();
        while (end < message.length() && Character.isDigit(message.charAt(end))) {
            end++;
        }
        return end == prefix.length() ? 0 : Integer.parseInt(message.substring(prefix.length(), end));
    }

    private static byte[][] args(Invocation inv, int from, int to) {
        byte[][] out = new byte[to - from][];
        for (int i = from; i < to; i++) {
            out[i - from] = inv.arg(i);
        }
        return out;
    }

    private void script(Invocation inv) {
        String sub = inv.argLower(1);
        switch (sub) {
            case "load" -> {
                if (inv.argc() != 3) {
                    throw new CommandError(Errors.wrongArity("script|load"));
                }
                inv.reply().bulk(cache.load(inv.arg(2)));
            }
            case "exists" -> {
                if (inv.argc() < 3) {
                    throw new CommandError(Errors.wrongArity("script|exists"));
                }
                inv.reply().array(inv.argc() - 2);
                for (int i = 2; i < inv.argc(); i++) {
                    inv.reply().integer(cache.contains(inv.argString(i).toLowerCase(Locale.ROOT)) ? 1 : 0);
                }
            }
            case "flush" -> {
                if (inv.argc() > 3 || (inv.argc() == 3
                        && !Arrays.asList("async", "sync").contains(inv.argLower(2)))) {
                    throw new CommandError("ERR SCRIPT FLUSH only support SYNC|ASYNC option");
                }
                cache.clear();
                inv.reply().ok();
            }
            case "kill" -> throw new CommandError("NOTBUSY No scripts in execution right now.");
            case "help" -> inv.reply().lines("SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                    "EXISTS <sha1> [<sha1> ...]", "FLUSH [ASYNC|SYNC]", "KILL", "LOAD <script>", "HELP");
            default -> throw new CommandError("ERR unknown subcommand '" + inv.argString(1)
                    + "'. Try SCRIPT HELP.");
        }
    }
}
