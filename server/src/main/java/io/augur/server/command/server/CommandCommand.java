package io.augur.server.command.server;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandSpec;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.Reply;

import java.util.ArrayList;
import java.util.List;

/** COMMAND, COMMAND COUNT | INFO | DOCS | LIST: the command table as clients (and redis-cli's hints) read it. */
final class CommandCommand {

    private CommandCommand() {
    }

    static void register(CommandTable t) {
        t.command("command", -1).flags("loading", "stale")
                .doc("server", "2.8.13", "Returns detailed information about all commands.").run(CommandCommand::command);
    }

    private static void command(Invocation inv) {
        CommandTable table = inv.server().commands();
        if (inv.argc() == 1) {
            List<CommandSpec> all = new ArrayList<>(table.all());
            inv.reply().array(all.size());
            all.forEach(spec -> info(inv.reply(), spec));
            return;
        }
        String sub = inv.argLower(1);
        switch (sub) {
            case "count" -> inv.reply().integer(table.size());
            case "list" -> {
                List<CommandSpec> all = new ArrayList<>(table.all());
                inv.reply().array(all.size());
                all.forEach(spec -> inv.reply().bulk(spec.name()));
            }
            case "info" -> {
                List<CommandSpec> specs = selected(inv, table);
                inv.reply().array(specs.size());
                for (CommandSpec spec : specs) {
                    if (spec == null) {
                        inv.reply().nullArray();
                    } else {
                        info(inv.reply(), spec);
                    }
                }
            }
            case "docs" -> {
                List<CommandSpec> specs = selected(inv, table);
                specs.removeIf(java.util.Objects::isNull);
                inv.reply().map(specs.size());
                for (CommandSpec spec : specs) {
                    docs(inv.reply(), spec);
                }
            }
            default -> throw new CommandError(Errors.unknownSubcommand(inv.argString(1), "command"));
        }
    }

    private static List<CommandSpec> selected(Invocation inv, CommandTable table) {
        List<CommandSpec> specs = new ArrayList<>();
        if (inv.argc() == 2) {
            specs.addAll(table.all());
        } else {
            for (int i = 2; i < inv.argc(); i++) {
                specs.add(table.lookup(inv.argLower(i)));
            }
        }
        return specs;
    }

    /** Redis 7's COMMAND INFO entry: name, arity, flags, first/last key, step, ACL categories, tips, key specs, subcommands. */
    private static void info(Reply reply, CommandSpec spec) {
        reply.array(10);
        reply.bulk(spec.name());
        reply.integer(spec.arity());
        List<String> flags = new ArrayList<>(spec.flags());
        flags.sort(null);
        reply.set(flags.size());
        flags.forEach(reply::simple);
        reply.integer(spec.firstKey());
        reply.integer(spec.lastKey());
        reply.integer(spec.keyStep());
        reply.set(1);
        reply.simple("@" + spec.group());
        reply.array(0);
        reply.array(0);
        reply.array(0);
    }

    private static void docs(Reply reply, CommandSpec spec) {
        reply.bulk(spec.name());
        reply.map(3);
        reply.bulk("summary");
        reply.bulk(spec.summary());
        reply.bulk("since");
        reply.bulk(spec.since());
        reply.bulk("group");
        reply.bulk(spec.group());
    }
}
