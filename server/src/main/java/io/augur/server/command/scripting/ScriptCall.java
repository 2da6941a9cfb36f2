package io.augur.server.command.scripting;

import io.augur.protocol.RespCommand;
import io.augur.server.command.CommandContext;
import io.augur.server.command.CommandDispatcher;
import io.augur.server.command.CommandSpec;
import io.augur.server.command.Invocation;
import io.augur.server.command.Reply;
import io.augur.server.client.ClientSession;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * redis.call / redis.pcall: runs one command through the real command table, as the calling
 * client, and turns its RESP2 reply into Lua values.
 */
final class ScriptCall {

    private final CommandContext server;
    private final ClientSession client;
    /** EVAL_RO / EVALSHA_RO: commands that write or publish are refused. */
    private final boolean readOnly;
    /** Whether a command that writes ran: the script can then not be killed (Redis's rule). */
    private volatile boolean wrote;
    /** Whether a command others can see ran (a write or a PUBLISH): the script can then not start over. */
    private volatile boolean seen;

    ScriptCall(CommandContext server, ClientSession client, boolean readOnly) {
        this.server = server;
        this.client = client;
        this.readOnly = readOnly;
    }

    /** {@code raise}: redis.call (errors become Lua errors) rather than redis.pcall (error tables). */
    LuaValue run(Varargs args, boolean raise) {
        if (args.narg() == 0) {
            return failed("ERR Please specify at least one argument for this redis lib call", raise);
        }
        byte[][] argv = new byte[args.narg()][];
        for (int i = 0; i < argv.length; i++) {
            LuaValue a = args.arg(i + 1);
            if (a.type() != LuaValue.TSTRING && a.type() != LuaValue.TNUMBER) {
                return failed("ERR Lua redis lib command arguments must be strings or integers", raise);
            }
            argv[i] = LuaToResp.bytes(a.checkstring());
        }
        CommandSpec spec = server.commands().lookup(argv[0]);
        if (spec == null) {
            return failed("ERR Unknown Redis command called from script", raise);
        }
        if (spec.has("noscript")) {
            return failed("ERR This Redis command is not allowed from script", raise);
        }
        if (!spec.arityMatches(argv.length)) {
            return failed("ERR Wrong number of args calling Redis command from script", raise);
        }
        if (readOnly && (spec.has("write") || spec.has("may-replicate"))) {
            return failed("ERR Write commands are not allowed from read-only scripts.", raise);
        }
        if (spec.has("write")) {
            wrote = true;
        }
        if (spec.has("write") || spec.has("may-replicate")) {
            seen = true;
        }
        LuaValue result = RespToLua.read(execute(spec, argv));
        if (raise && result.istable()) {
            LuaValue err = result.rawget("err");
            if (err.isstring()) {
                throw new ScriptCommandError(err.tojstring());
            }
        }
        return result;
    }

    boolean wrote() {
        return wrote;
    }

    boolean seen() {
        return seen;
    }

    private ByteBuf execute(CommandSpec spec, byte[][] argv) {
        ByteBuf out = Unpooled.buffer(64);
        Reply reply = new Reply(); // RESP2 whatever the client speaks: scripts see RESP2 replies
        reply.target(out);
        Invocation inv = new Invocation(server, client, reply);
        inv.command(new RespCommand(argv, false));
        long start = System.nanoTime();
        CommandDispatcher.execute(spec, inv);
        if (!spec.has("admin")) {
            server.commands().monitors().feed(client, "lua", client.db(), inv.command());
        }
        if (inv.takeDeferred() != null || !out.isReadable()) {
            // A script cannot wait: a read-through miss is a miss inside a script.
            out.clear();
            reply.nullBulk();
        }
        spec.counters().record(System.nanoTime() - start, reply.errored());
        return out;
    }

    private LuaValue failed(String message, boolean raise) {
        if (raise) {
            throw new ScriptCommandError(message);
        }
        LuaTable t = new LuaTable();
        t.rawset("err", LuaString.valueOf(message));
        return t;
    }
}
