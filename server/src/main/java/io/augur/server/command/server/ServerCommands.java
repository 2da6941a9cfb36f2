package io.augur.server.command.server;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** INFO, DBSIZE, FLUSHDB, FLUSHALL, TIME, SHUTDOWN, SAVE/BGSAVE/LASTSAVE; CONFIG and COMMAND have their own classes. */
public final class ServerCommands {

    private ServerCommands() {
    }

    public static void register(CommandTable t) {
        t.command("info", -1).flags("loading", "stale")
                .doc("server", "1.0.0", "Returns information and statistics about the server.").run(ServerCommands::info);
        t.command("dbsize", 1).flags("readonly", "fast")
                .doc("server", "1.0.0", "Returns the number of keys in the database.")
                .run(inv -> inv.reply().integer(inv.store().size()));
        t.command("flushdb", -1).flags("write")
                .doc("server", "1.0.0", "Removes all keys from the current database.").run(inv -> flush(inv, false));
        t.command("flushall", -1).flags("write")
                .doc("server", "1.0.0", "Removes all keys from all databases.").run(inv -> flush(inv, true));
        t.command("time", 1).flags("loading", "stale", "fast")
                .doc("server", "2.6.0", "Returns the server time.").run(ServerCommands::time);
        t.command("shutdown", -1).flags("admin", "noscript", "loading", "stale")
                .doc("server", "1.0.0", "Synchronously saves the database(s) to disk and shuts down the Redis server.")
                .run(ServerCommands::shutdown);
        t.command("save", 1).flags("admin", "noscript")
                .doc("server", "1.0.0", "Synchronously saves the database(s) to disk.").run(inv -> inv.reply().ok());
        t.command("bgsave", -1).flags("admin", "noscript")
                .doc("server", "1.0.0", "Asynchronously saves the database(s) to disk.")
                .run(inv -> inv.reply().simple("Background saving started"));
        t.command("lastsave", 1).flags("loading", "stale", "fast")
                .doc("server", "1.0.0", "Returns the Unix timestamp of the last successful save to disk.")
                .run(inv -> inv.reply().integer(inv.now() / 1000));
        ConfigCommand.register(t);
        CommandCommand.register(t);
        SlowlogCommand.register(t);
        LatencyCommand.register(t);
        MemoryCommand.register(t);
    }

    private static void info(Invocation inv) {
        Set<String> sections = new HashSet<>();
        for (int i = 1; i < inv.argc(); i++) {
            sections.add(inv.argLower(i));
        }
        inv.reply().verbatim(inv.server().info().render(sections));
    }

    private static void flush(Invocation inv, boolean all) {
        if (inv.argc() > 2) {
            throw new CommandError(Errors.SYNTAX);
        }
        if (inv.argc() == 2) {
            String mode = inv.argLower(1);
            if (!mode.equals("async") && !mode.equals("sync")) {
                throw new CommandError(Errors.SYNTAX);
            }
        }
        if (all) {
            inv.server().store().clear();
        } else {
            inv.store().clear();
        }
        inv.reply().ok();
    }

    private static void time(Invocation inv) {
        long micros = System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
        inv.reply().array(2);
        inv.reply().bulk(Long.toString(micros / 1_000_000));
        inv.reply().bulk(Long.toString(micros % 1_000_000));
    }

    private static void shutdown(Invocation inv) {
        for (int i = 1; i < inv.argc(); i++) {
            String option = inv.argLower(i).toLowerCase(Locale.ROOT);
            switch (option) {
                case "nosave", "save", "now", "force" -> { }
                case "abort" -> throw new CommandError("ERR No shutdown in progress.");
                default -> throw new CommandError(Errors.SYNTAX);
            }
        }
        // As in Redis, a successful SHUTDOWN sends no reply: the connection just closes.
        inv.client().closeAfterReply(true);
        inv.server().shutdown().run();
    }
}
