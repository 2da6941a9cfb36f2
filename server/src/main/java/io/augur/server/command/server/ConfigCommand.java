package io.augur.server.command.server;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.keys.GlobPattern;
import io.augur.server.config.Setting;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** CONFIG GET | SET | RESETSTAT | HELP over the settings the server registered. */
final class ConfigCommand {

    private ConfigCommand() {
    }

    static void register(CommandTable t) {
        t.command("config", -2).flags("admin", "noscript", "loading", "stale")
                .doc("server", "2.0.0", "A container for server configuration commands.").run(ConfigCommand::config);
    }

    private static void config(Invocation inv) {
        String sub = inv.argLower(1);
        switch (sub) {
            case "get" -> get(inv);
            case "set" -> set(inv);
            case "resetstat" -> {
                if (inv.argc() != 2) {
                    throw new CommandError("ERR wrong number of arguments for 'config|resetstat' command");
                }
                inv.server().stats().reset();
                inv.server().clients().resetStats();
                inv.store().resetStats();
                inv.server().commands().all().forEach(spec -> spec.counters().reset());
                inv.reply().ok();
            }
            case "rewrite" -> throw new CommandError("ERR The server is running without a config file");
            case "help" -> {
                String[] lines = {"CONFIG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
                        "GET <pattern>", "    Return parameters matching the glob-like <pattern> and their values.",
                        "SET <directive> <value>", "    Set the configuration <directive> to <value>.",
                        "RESETSTAT", "    Reset statistics reported by the INFO command.",
                        "HELP", "    Print this help."};
                inv.reply().lines(lines);
            }
            default -> throw new CommandError(Errors.unknownSubcommand(inv.argString(1), "config"));
        }
    }

    private static void get(Invocation inv) {
        if (inv.argc() < 3) {
            throw new CommandError("ERR wrong number of arguments for 'config|get' command");
        }
        Map<String, String> found = new LinkedHashMap<>();
        for (int i = 2; i < inv.argc(); i++) {
            GlobPattern pattern = new GlobPattern(inv.argLower(i).getBytes(StandardCharsets.UTF_8));
            for (Setting s : inv.server().config().matching(name -> pattern.matches(name.getBytes(StandardCharsets.UTF_8)))) {
                found.put(s.name(), s.value());
            }
        }
        inv.reply().map(found.size());
        found.forEach((name, value) -> {
            inv.reply().bulk(name);
            inv.reply().bulk(value);
        });
    }

    private static void set(Invocation inv) {
        if (inv.argc() < 4 || inv.argc() % 2 != 0) {
            throw new CommandError("ERR wrong number of arguments for 'config|set' command");
        }
        // Validate every pair before applying any, so a failed CONFIG SET changes nothing.
        for (int i = 2; i < inv.argc(); i += 2) {
            String name = inv.argLower(i);
            Setting setting = inv.server().config().setting(name);
            if (setting == null) {
                throw new CommandError("ERR Unknown option or number of arguments for CONFIG SET - '"
                        + inv.argString(i) + "'");
            }
            if (!setting.live()) {
                throw new CommandError("ERR CONFIG SET failed (possibly related to argument '" + name
                        + "') - can't set immutable config");
            }
        }
        for (int i = 2; i < inv.argc(); i += 2) {
            String name = inv.argLower(i).toLowerCase(Locale.ROOT);
            try {
                inv.server().config().set(name, inv.argString(i + 1));
            } catch (IllegalArgumentException e) {
                throw new CommandError("ERR CONFIG SET failed (possibly related to argument '" + name + "') - "
                        + e.getMessage());
            }
        }
        inv.reply().ok();
    }
}
