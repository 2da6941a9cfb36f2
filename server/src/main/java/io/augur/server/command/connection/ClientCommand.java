package io.augur.server.command.connection;

import io.augur.server.client.ClientFields;
import io.augur.server.client.ClientSession;
import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.collection.BlockedClients;

import java.util.ArrayList;
import java.util.List;

/** CLIENT ID | SETNAME | GETNAME | LIST | INFO | KILL | UNBLOCK | SETINFO | HELP. */
final class ClientCommand {

    private ClientCommand() {
    }

    static void register(CommandTable t) {
        t.command("client", -2).flags("admin", "noscript")
                .doc("connection", "2.4.0", "A container for client connection commands.")
                .run(inv -> client(inv, BlockedClients.of(t)));
    }

    private static void client(Invocation inv, BlockedClients blocked) {
        String sub = inv.argLower(1);
        switch (sub) {
            case "id" -> {
                arity(inv, 2, sub);
                inv.reply().integer(inv.client().id());
            }
            case "setname" -> {
                arity(inv, 3, sub);
                String name = inv.argString(2);
                validateName(name);
                inv.client().name(name);
                inv.reply().ok();
            }
            case "getname" -> {
                arity(inv, 2, sub);
                String name = inv.client().name();
                inv.reply().bulk(name.isEmpty() ? null : name);
            }
            case "info" -> {
                arity(inv, 2, sub);
                inv.reply().verbatim(describe(inv, inv.client()) + "\n");
            }
            case "reply" -> {
                arity(inv, 3, sub);
                switch (inv.argLower(2)) {
                    case "on" -> {
                        inv.client().replyMode(false, false);
                        inv.reply().ok();
                    }
                    case "off" -> inv.client().replyMode(true, false);
                    case "skip" -> {
                        if (!inv.client().repliesOff()) {
                            inv.client().replyMode(false, true);
                        }
                    }
                    default -> throw new CommandError(Errors.SYNTAX);
                }
            }
            case "list" -> list(inv);
            case "kill" -> kill(inv);
            case "unblock" -> unblock(inv, blocked);
            case "setinfo" -> {
                arity(inv, 4, sub);
                String attribute = inv.argLower(2);
                String value = inv.argString(3);
                if (value.contains(" ") || value.contains("\n")) {
                    throw new CommandError("ERR " + attribute + " cannot contain spaces, newlines or special characters.");
                }
                switch (attribute) {
                    case "lib-name" -> inv.client().libName(value);
                    case "lib-ver" -> inv.client().libVersion(value);
                    default -> throw new CommandError("ERR Unrecognized option '" + inv.argString(2) + "'");
                }
                inv.reply().ok();
            }
            case "no-evict", "no-touch" -> {
                arity(inv, 3, sub);
                inv.reply().ok();
            }
            case "help" -> {
                String[] lines = {"CLIENT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                        "GETNAME", "    Return the name of the current connection.",
                        "ID", "    Return the ID of the current connection.",
                        "INFO", "    Return information about the current client connection.",
                        "KILL <ip:port> | ID <id> | ADDR <ip:port> | LADDR <ip:port> | SKIPME yes|no",
                        "    Kill connections.",
                        "LIST [ID <id> ...]", "    Return information about client connections.",
                        "REPLY (ON|OFF|SKIP)", "    Control the replies sent to the current connection.",
                        "UNBLOCK <clientid> [TIMEOUT|ERROR]",
                        "    Unblock the specified blocked client.",
                        "SETINFO <LIB-NAME|LIB-VER> <value>", "    Set client library name or version.",
                        "SETNAME <name>", "    Assign the name <name> to the current connection.",
                        "HELP", "    Print this help."};
                inv.reply().lines(lines);
            }
            default -> throw new CommandError(Errors.unknownSubcommand(inv.argString(1), "client"));
        }
    }

    /** Redis allows any printable ASCII except spaces in a client name. */
    static void validateName(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c < '!' || c > '~') {
                throw new CommandError("ERR Client names cannot contain spaces, newlines or special characters.");
            }
        }
    }

    private static void arity(Invocation inv, int expected, String sub) {
        if (inv.argc() != expected) {
            throw new CommandError("ERR wrong number of arguments for 'client|" + sub + "' command");
        }
    }

    private static void list(Invocation inv) {
        List<Long> ids = null;
        for (int i = 2; i < inv.argc(); i++) {
            String option = inv.argLower(i);
            if (option.equals("id")) {
                ids = new ArrayList<>();
                for (i = i + 1; i < inv.argc(); i++) {
                    ids.add(io.augur.server.command.Numbers.parseLong(inv.arg(i), "ERR Invalid client ID"));
                }
            } else if (option.equals("type") && i + 1 < inv.argc()) {
                String type = inv.argLower(++i);
                if (!List.of("normal", "master", "replica", "pubsub").contains(type)) {
                    throw new CommandError("ERR Unknown client type '" + inv.argString(i) + "'");
                }
                if (!type.equals("normal")) {
                    ids = List.of();
                }
            } else {
                throw new CommandError(Errors.SYNTAX);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (ClientSession c : inv.server().clients().all()) {
            if (ids == null || ids.contains(c.id())) {
                sb.append(describe(inv, c)).append('\n');
            }
        }
        inv.reply().verbatim(sb.toString());
    }

    /** The client's CLIENT LIST line, with what each family knows of it. */
    private static String describe(Invocation inv, ClientSession client) {
        ClientFields fields = new ClientFields();
        inv.server().commands().hooks().describe(client, fields);
        return client.describe(inv.now(), fields);
    }

    private static void kill(Invocation inv) {
        if (inv.argc() == 3) {
            // Old form: CLIENT KILL addr:port, replies OK or an error.
            ClientSession target = find(inv, "addr", inv.argString(2));
            if (target == null) {
                throw new CommandError(Errors.NO_SUCH_CLIENT);
            }
            close(inv, target);
            inv.reply().ok();
            return;
        }
        if (inv.argc() % 2 != 0) {
            throw new CommandError(Errors.SYNTAX);
        }
        Long id = null;
        String addr = null;
        String laddr = null;
        boolean skipMe = true;
        for (int i = 2; i < inv.argc(); i += 2) {
            String option = inv.argLower(i);
            String value = inv.argString(i + 1);
            switch (option) {
                case "id" -> id = io.augur.server.command.Numbers.parseLong(inv.arg(i + 1),
                        "ERR client-id should be greater than 0");
                case "addr" -> addr = value;
                case "laddr" -> laddr = value;
                case "skipme" -> {
                    if (value.equalsIgnoreCase("yes")) {
                        skipMe = true;
                    } else if (value.equalsIgnoreCase("no")) {
                        skipMe = false;
                    } else {
                        throw new CommandError(Errors.SYNTAX);
                    }
                }
                case "type", "user", "maxage" -> { /* accepted; Augur has only normal clients of user default */ }
                default -> throw new CommandError(Errors.SYNTAX);
            }
        }
        long killed = 0;
        for (ClientSession c : new ArrayList<>(inv.server().clients().all())) {
            boolean matches = (id == null || c.id() == id)
                    && (addr == null || c.remoteAddress().equals(addr))
                    && (laddr == null || c.localAddress().equals(laddr));
            if (matches && !(skipMe && c == inv.client())) {
                close(inv, c);
                killed++;
            }
        }
        inv.reply().integer(killed);
    }

    private static ClientSession find(Invocation inv, String field, String addr) {
        for (ClientSession c : inv.server().clients().all()) {
            if (c.remoteAddress().equals(addr)) {
                return c;
            }
        }
        return null;
    }

    private static void close(Invocation inv, ClientSession target) {
        if (target == inv.client()) {
            target.closeAfterReply(true);
        } else if (target.channel() != null) {
            target.channel().close();
        }
    }

    /** CLIENT UNBLOCK id [TIMEOUT|ERROR]: answers a client parked in a blocking command now; 1 if it was blocked. */
    private static void unblock(Invocation inv, BlockedClients blocked) {
        if (inv.argc() < 3) {
            throw new CommandError(Errors.wrongArity("client|unblock"));
        }
        if (inv.argc() > 4) { // Redis 7.0's texts for too few (the subcommand's arity) and too many
            throw new CommandError("ERR unknown subcommand or wrong number of arguments for '" + inv.argString(1) + "'. Try CLIENT HELP.");
        }
        String error = null;
        if (inv.argc() == 4) {
            String reason = inv.argLower(3);
            if (reason.equals("error")) {
                error = "UNBLOCKED client unblocked via CLIENT UNBLOCK";
            } else if (!reason.equals("timeout")) {
                throw new CommandError("ERR CLIENT UNBLOCK reason should be TIMEOUT or ERROR");
            }
        }
        long id = inv.argLong(2); // after the reason, as Redis checks them
        inv.reply().integer(blocked.unblock(id, error) ? 1 : 0);
    }
}
