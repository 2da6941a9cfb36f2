package io.augur.server.command.server;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.Numbers;
import io.augur.server.command.Reply;
import io.augur.server.stats.SlowLog;

import java.util.List;

/** SLOWLOG GET [count] | LEN | RESET | HELP over the server's {@link SlowLog}. */
final class SlowlogCommand {

    private static final String COUNT_ERROR = "ERR count should be greater than or equal to -1";

    private SlowlogCommand() {
    }

    static void register(CommandTable t) {
        t.command("slowlog", -2).flags("admin", "loading", "stale")
                .doc("server", "2.2.12", "A container for slow log commands.").run(SlowlogCommand::slowlog);
    }

    private static void slowlog(Invocation inv) {
        String sub = inv.argLower(1);
        SlowLog log = inv.server().stats().slowLog();
        switch (sub) {
            case "get" -> {
                if (inv.argc() > 3) {
                    throw new CommandError("ERR unknown subcommand or wrong number of arguments for '"
                            + inv.argString(1) + "'. Try SLOWLOG HELP.");
                }
                long count = 10;
                if (inv.argc() == 3) {
                    count = Numbers.parseLong(inv.arg(2), COUNT_ERROR);
                    if (count < -1) {
                        throw new CommandError(COUNT_ERROR);
                    }
                }
                reply(inv.reply(), log.newest(count));
            }
            case "len" -> {
                arity(inv, "len");
                inv.reply().integer(log.length());
            }
            case "reset" -> {
                arity(inv, "reset");
                log.reset();
                inv.reply().ok();
            }
            case "help" -> {
                arity(inv, "help");
                inv.reply().lines("SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                        "GET [<count>]",
                        "    Return top <count> entries from the slowlog (default: 10, -1 mean all).",
                        "    Entries are made of:",
                        "    id, timestamp, time in microseconds, arguments array, client IP and port,",
                        "    client name",
                        "LEN",
                        "    Return the length of the slowlog.",
                        "RESET",
                        "    Reset the slowlog.",
                        "HELP",
                        "    Prints this help.");
            }
            default -> throw new CommandError(Errors.unknownSubcommand(inv.argString(1), "slowlog"));
        }
    }

    private static void arity(Invocation inv, String sub) {
        if (inv.argc() != 2) {
            throw new CommandError(Errors.wrongArity("slowlog|" + sub));
        }
    }

    private static void reply(Reply reply, List<SlowLog.Entry> entries) {
        reply.array(entries.size());
        for (SlowLog.Entry e : entries) {
            reply.array(6);
            reply.integer(e.id());
            reply.integer(e.timeSeconds());
            reply.integer(e.durationMicros());
            reply.array(e.args().size());
            e.args().forEach(reply::bulk);
            reply.bulk(e.client());
            reply.bulk(e.clientName());
        }
    }
}
