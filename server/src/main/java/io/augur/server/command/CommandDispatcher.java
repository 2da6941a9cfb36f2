package io.augur.server.command;

import io.augur.protocol.RespCommand;
import io.augur.server.client.ClientSession;
import io.augur.server.store.OutOfMemoryException;
import io.augur.server.store.ValueTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one decoded command: lookup, arity and auth checks, execution, counters. Every failure a
 * client can cause becomes a Redis-style error reply; the connection and the data survive.
 */
public final class CommandDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);

    private final CommandContext server;
    private final SlowCommands slowCommands;

    public CommandDispatcher(CommandContext server) {
        this.server = server;
        this.slowCommands = new SlowCommands(server);
    }

    /**
     * Runs a command that passed its checks; the errors a client can cause become Redis-style
     * replies (anything else propagates to the caller: the dispatcher logs it, a script raises it).
     */
    public static void execute(CommandSpec spec, Invocation inv) {
        try {
            spec.action().execute(inv);
        } catch (CommandError e) {
            inv.reply().error(e.getMessage());
        } catch (OutOfMemoryException e) {
            inv.reply().error(Errors.OOM);
        } catch (ValueTooLargeException e) {
            inv.reply().error("ERR value too large: " + e.getMessage());
        }
    }

    public void dispatch(Invocation inv, RespCommand command) {
        CommandClock clock = server.clock();
        clock.hold();
        try {
            dispatchHeld(inv, command);
        } finally {
            clock.release();
        }
    }

    private void dispatchHeld(Invocation inv, RespCommand command) {
        inv.command(command);
        ClientSession client = inv.client();
        Reply reply = inv.reply();
        server.stats().command();
        CommandSpec spec = server.commands().lookup(command.arg(0));
        String name = spec == null ? command.name() : spec.name();
        client.touched(server.nowMillis(), spec == null ? "NULL" : spec.fullName(command));
        CommandHooks hooks = server.commands().hooks();
        if (spec == null) {
            fail(reply, Errors.unknownCommand(argsOf(command)));
            hooks.refused(inv);
            return;
        }
        if (!client.authenticated() && !spec.has("no-auth")) {
            fail(reply, Errors.NOAUTH);
            hooks.refused(inv);
            return;
        }
        if (!spec.arityMatches(command.size())) {
            fail(reply, Errors.wrongArity(name));
            hooks.refused(inv);
            return;
        }
        if (server.commands().scriptGate().busy()
                && !ScriptGate.allowedWhileBusy(spec, command.size() > 1 ? inv.argLower(1) : null)) {
            fail(reply, ScriptGate.BUSY);
            hooks.refused(inv); // inside MULTI the transaction is then refused at EXEC, as in Redis
            return;
        }
        if (hooks.intercept(inv, spec)) {
            return;
        }
        Monitors monitors = server.commands().monitors();
        boolean monitored = monitors.active() && !spec.has("admin");
        if (monitored && spec.has("skip_monitor")) {
            monitors.feed(client, client.remoteAddress(), client.db(), command); // EVAL: before what it runs
        }
        reply.clearErrored(); // inside EXEC, the queued command before this one may have failed
        long start = System.nanoTime();
        try {
            execute(spec, inv);
        } catch (RuntimeException e) {
            LOG.error("command {} failed", name, e);
            reply.error("ERR internal error while running '" + name + "': " + e.getClass().getSimpleName());
        }
        if (monitored && !spec.has("skip_monitor")) {
            monitors.feed(client, client.remoteAddress(), client.db(), command);
        }
        long elapsedNanos = System.nanoTime() - start;
        spec.counters().record(elapsedNanos, reply.errored());
        if (!inv.takeTimedElsewhere()) {
            slowCommands.observe(inv, spec, elapsedNanos);
        }
        if (reply.errored()) {
            server.stats().errorReply(lastErrorPrefix(reply));
        }
    }

    private void fail(Reply reply, String message) {
        reply.error(message);
        server.stats().errorReply(message);
    }

    /** The error's first word for errorstats; the reply text itself is already in the buffer. */
    private static String lastErrorPrefix(Reply reply) {
        return reply.lastError();
    }

    private static byte[][] argsOf(RespCommand command) {
        byte[][] args = new byte[command.size()][];
        for (int i = 0; i < args.length; i++) {
            args[i] = command.arg(i);
        }
        return args;
    }
}
