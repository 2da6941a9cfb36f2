package io.augur.server.command.connection;

import io.augur.protocol.RespVersion;
import io.augur.server.command.AuthThrottle;
import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.Reply;
import io.augur.server.client.ClientSession;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** PING, ECHO, QUIT, HELLO, AUTH, SELECT, RESET. CLIENT lives in {@link ClientCommand}. */
public final class ConnectionCommands {

    /** The Redis version Augur reports, so clients enable the RESP features Augur implements. */
    public static final String COMPATIBLE_REDIS_VERSION = "7.2.0";

    private ConnectionCommands() {
    }

    public static void register(CommandTable t) {
        t.command("ping", -1).flags("fast")
                .doc("connection", "1.0.0", "Returns the server's liveliness response.").run(ConnectionCommands::ping);
        t.command("echo", 2).flags("fast").doc("connection", "1.0.0", "Returns the given string.")
                .run(inv -> inv.reply().bulk(inv.arg(1)));
        t.command("quit", -1).flags("no-auth", "fast").doc("connection", "1.0.0", "Closes the connection.")
                .run(ConnectionCommands::quit);
        t.command("hello", -1).flags("no-auth", "fast")
                .doc("connection", "6.0.0", "Handshakes with the Redis server.").run(ConnectionCommands::hello);
        t.command("auth", -2).flags("no-auth", "fast")
                .doc("connection", "1.0.0", "Authenticates the connection.").run(ConnectionCommands::auth);
        t.command("select", 2).flags("fast").doc("connection", "1.0.0", "Changes the selected database.")
                .run(ConnectionCommands::select);
        t.command("reset", 1).flags("no-auth", "fast")
                .doc("connection", "6.2.0", "Resets the connection.").run(ConnectionCommands::reset);
        ClientCommand.register(t);
    }

    private static void ping(Invocation inv) {
        if (inv.argc() > 2) {
            throw new CommandError(Errors.wrongArity("ping"));
        }
        if (inv.argc() == 2) {
            inv.reply().bulk(inv.arg(1));
        } else {
            inv.reply().simple("PONG");
        }
    }

    private static void quit(Invocation inv) {
        inv.client().closeAfterReply(true);
        inv.reply().ok();
    }

    private static void select(Invocation inv) {
        long db = parseDb(inv);
        if (db < 0 || db >= inv.server().config().databases()) {
            throw new CommandError(Errors.DB_OUT_OF_RANGE);
        }
        inv.client().db((int) db);
        inv.reply().ok();
    }

    private static long parseDb(Invocation inv) {
        return io.augur.server.command.Numbers.parseLong(inv.arg(1), Errors.NOT_INTEGER);
    }

    private static void auth(Invocation inv) {
        if (inv.argc() > 3) {
            throw new CommandError(Errors.SYNTAX);
        }
        String username = inv.argc() == 3 ? inv.argString(1) : "default";
        byte[] password = inv.arg(inv.argc() - 1);
        String required = inv.server().config().requirepass();
        if (required.isEmpty() && inv.argc() == 2) {
            throw new CommandError(Errors.AUTH_NOT_CONFIGURED);
        }
        checkPassword(inv, username, password, required);
        inv.client().authenticated(true);
        inv.reply().ok();
    }

    /** Counts a failure and throttles the source address; throws WRONGPASS (or the throttle's error). */
    private static void checkPassword(Invocation inv, String username, byte[] password, String required) {
        String address = host(inv.client().remoteAddress());
        long now = inv.server().nowMillis();
        AuthThrottle throttle = inv.server().authThrottle();
        if (!throttle.allowed(address, now)) {
            inv.server().stats().authFailure();
            throw new CommandError("ERR too many failed AUTH attempts from this address, try again later");
        }
        if (!passwordMatches(username, password, required)) {
            inv.server().stats().authFailure();
            throttle.failed(address, now);
            throw new CommandError(Errors.WRONGPASS);
        }
        throttle.succeeded(address);
    }

    private static String host(String address) {
        int colon = address.lastIndexOf(':');
        return colon > 0 ? address.substring(0, colon) : address;
    }

    /** Constant-time comparison, so response timing does not leak how much of a guess was right. */
    static boolean passwordMatches(String username, byte[] password, String required) {
        if (!"default".equals(username)) {
            return false;
        }
        if (required.isEmpty()) {
            return true; // the default user has nopass when requirepass is unset, as in Redis
        }
        byte[] expected = required.getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, password);
    }

    private static void hello(Invocation inv) {
        RespVersion version = inv.client().version();
        int i = 1;
        if (inv.argc() >= 2) {
            Long requested = io.augur.server.command.Numbers.tryParseLong(inv.arg(1));
            if (requested == null) {
                throw new CommandError("ERR Protocol version is not an integer or out of range");
            }
            if (requested != 2 && requested != 3) {
                throw new CommandError(Errors.NOPROTO);
            }
            version = requested == 3 ? RespVersion.RESP3 : RespVersion.RESP2;
            i = 2;
        }
        String setName = null;
        for (; i < inv.argc(); i++) {
            String option = inv.argLower(i);
            if (option.equals("auth") && i + 2 < inv.argc()) {
                checkPassword(inv, inv.argString(i + 1), inv.arg(i + 2), inv.server().config().requirepass());
                inv.client().authenticated(true);
                i += 2;
            } else if (option.equals("setname") && i + 1 < inv.argc()) {
                setName = inv.argString(++i);
                ClientCommand.validateName(setName);
            } else {
                throw new CommandError("ERR Syntax error in HELLO option '" + inv.argString(i) + "'");
            }
        }
        if (!inv.client().authenticated()) {
            throw new CommandError("NOAUTH HELLO must be called with the client already authenticated, otherwise "
                    + "the HELLO <proto> AUTH <user> <pass> option can be used to authenticate the client and "
                    + "select the RESP protocol version at the same time");
        }
        if (setName != null) {
            inv.client().name(setName);
        }
        ClientSession client = inv.client();
        client.version(version);
        Reply reply = inv.reply();
        reply.version(version);
        reply.map(7);
        reply.bulk("server");
        reply.bulk("redis");
        reply.bulk("version");
        reply.bulk(COMPATIBLE_REDIS_VERSION);
        reply.bulk("proto");
        reply.integer(version == RespVersion.RESP3 ? 3 : 2);
        reply.bulk("id");
        reply.integer(client.id());
        reply.bulk("mode");
        reply.bulk("standalone");
        reply.bulk("role");
        reply.bulk("master");
        reply.bulk("modules");
        reply.array(0);
    }

    private static void reset(Invocation inv) {
        inv.client().version(RespVersion.RESP2);
        inv.reply().version(RespVersion.RESP2);
        inv.client().name("");
        inv.client().db(0);
        inv.client().authenticated(inv.server().config().requirepass().isEmpty());
        inv.reply().simple("RESET");
    }
}
