package io.augur.server.command.scripting;

import io.augur.server.command.CommandClock;
import io.augur.server.command.CommandError;
import io.augur.server.command.CommandSpec;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.Numbers;
import io.augur.server.command.Reply;
import io.augur.server.command.ScriptGate;
import io.augur.server.command.SlowCommands;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * EVAL, EVALSHA, SCRIPT LOAD|EXISTS|FLUSH|KILL: Lua scripts run atomically, in a sandbox. A script
 * runs on the command thread; one that outlives a short budget before it writes starts over on a
 * thread of its own, where it runs until it ends or SCRIPT KILL stops it, while others get BUSY
 * past busy-reply-threshold (see {@link ScriptGate}). One that wrote first stays on the command
 * thread and is stopped with an error at the threshold, since it holds every client.
 */
public final class ScriptingCommands {

    static final String NOSCRIPT = "NOSCRIPT No matching script. Please use EVAL.";

    private static final java.util.regex.Pattern LUAJ_POSITION =
            java.util.regex.Pattern.compile("(?s)@?(" + ScriptCache.CHUNK_NAME + ":\\d+):? (.*)");

    /** Scripts that outlive {@code min(this, busy-reply-threshold / 2)} on the command thread move to their own. */
    private static final long MAX_INLINE_MILLIS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(ScriptingCommands.class);

    private final ScriptCache cache = new ScriptCache();
    /** The thread long scripts move to; it ends when idle, so a server with no long script keeps none. */
    private final ThreadPoolExecutor thread = new ThreadPoolExecutor(0, 1, 10, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), runnable -> {
                Thread t = new Thread(runnable, "augur-script");
                t.setDaemon(true);
                return t;
            });
    /** The script on its own thread, or null; set and cleared on the command thread; read there by SCRIPT KILL, and by close. */
    private volatile RunningScript running;

    private ScriptingCommands() {
    }

    public static void register(CommandTable t) {
        ScriptingCommands scripting = new ScriptingCommands(); // one script cache per command table (per server)
        t.scriptGate().onClose(scripting::close);
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
        long startNanos = System.nanoTime();
        long thresholdMillis = inv.server().config().luaTimeLimitMillis();
        ScriptCall calls = new ScriptCall(inv.server(), inv.client(), readOnly);
        // Inside EXEC a reply cannot wait, and a connection-less client has no command thread to free.
        boolean movable = inv.mayDefer() && inv.client().channel() != null;
        Watchdog watchdog = Watchdog.inline(startNanos, Math.min(MAX_INLINE_MILLIS, thresholdMillis / 2),
                thresholdMillis, () -> movable && !calls.seen());
        try {
            LuaToResp.write(inv.reply(), execute(inv, sha, script, keys, argv, calls, watchdog));
        } catch (ScriptMoves e) {
            // Nothing it did is visible (it read only), so it starts over where others are not held up.
            moveToOwnThread(inv, sha, script, keys, argv, readOnly, startNanos, thresholdMillis);
        }
    }

    /**
     * Runs the script on the script thread while the command thread holds other clients' commands
     * (then answers them BUSY past the threshold, see {@link ScriptGate}); replies when it ends.
     */
    private void moveToOwnThread(Invocation inv, String sha, Prototype script, byte[][] keys, byte[][] argv,
                                 boolean readOnly, long startNanos, long thresholdMillis) {
        ScriptGate gate = inv.server().commands().scriptGate();
        ScheduledExecutorService commandThread = inv.client().channel().eventLoop();
        ScriptCall calls = new ScriptCall(inv.server(), inv.client(), readOnly);
        RunningScript runningScript = new RunningScript(calls);
        running = runningScript;
        gate.enter(inv.client(), startNanos, thresholdMillis, commandThread);
        CompletableFuture<Consumer<Reply>> reply = new CompletableFuture<>();
        CommandSpec spec = inv.server().commands().lookup(inv.arg(0));
        inv.timedElsewhere();
        inv.server().store().settleWrites(); // the script thread reads the map: it must hold what this thread held back
        thread.execute(() -> {
            Consumer<Reply> writer;
            CommandClock clock = inv.server().clock();
            clock.hold(); // time stands still for the whole script, as it does inline
            try {
                LuaValue result = execute(inv, sha, script, keys, argv, calls, Watchdog.ownThread(runningScript));
                writer = r -> LuaToResp.write(r, result);
            } catch (CommandError e) {
                writer = r -> r.error(e.getMessage());
            } catch (RuntimeException e) {
                LOG.error("script {} failed on its own thread", sha, e);
                writer = r -> r.error("ERR internal error while running a script: " + e.getClass().getSimpleName());
            } finally {
                clock.release();
            }
            Consumer<Reply> done = writer;
            try {
                commandThread.execute(() -> {
                    running = null;
                    // Still the script's command: the connection's next ones wait for this reply.
                    new SlowCommands(inv.server()).observe(inv, spec, System.nanoTime() - startNanos);
                    gate.exit();
                    reply.complete(done);
                });
            } catch (RejectedExecutionException e) {
                reply.complete(done); // the server is closing: nobody waits on the gate any more
            }
        });
        inv.replyLater(reply);
    }

    /** Runs the script to its end; every way it can fail becomes a CommandError with Redis's wording. */
    private static LuaValue execute(Invocation inv, String sha, Prototype script, byte[][] keys, byte[][] argv,
                                    ScriptCall calls, Watchdog watchdog) {
        Globals globals = Sandbox.create(watchdog, calls, keys, argv);
        int db = inv.client().db(); // a SELECT inside the script ends with the script
        try {
            return new LuaClosure(script, globals).call();
        } catch (ScriptTimeout e) {
            throw new CommandError(e.getMessage());
        } catch (ScriptKilled e) {
            throw new CommandError(e.getMessage() + where(sha, 1));
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
    }

    /** The server closes: the script on its own thread stops, even one that wrote, before the store closes. */
    private void close() {
        RunningScript runningScript = running;
        if (runningScript != null) {
            runningScript.stop();
        }
        thread.shutdown();
        try {
            if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("a script did not stop within 10 s of shutdown");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SCRIPT KILL: only a script on its own thread can be running while another client asks. */
    private void kill(Invocation inv) {
        RunningScript runningScript = running;
        if (runningScript == null) {
            throw new CommandError("NOTBUSY No scripts in execution right now.");
        }
        if (!runningScript.kill()) {
            throw new CommandError("UNKILLABLE Sorry the script already executed write commands against the dataset. "
                    + "You can either wait the script termination or kill the server in a hard way using the "
                    + "SHUTDOWN NOSAVE command.");
        }
        inv.reply().ok();
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
            case "kill" -> kill(inv);
            case "help" -> inv.reply().lines("SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                    "EXISTS <sha1> [<sha1> ...]", "FLUSH [ASYNC|SYNC]", "KILL", "LOAD <script>", "HELP");
            default -> throw new CommandError("ERR unknown subcommand '" + inv.argString(1)
                    + "'. Try SCRIPT HELP.");
        }
    }
}
