package io.augur.server.command.server;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.keys.GlobPattern;
import io.augur.server.config.Setting;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /**
     * CONFIG SET name value [name value ...], atomic as in Redis 7: every name is checked first
     * (unknown, immutable, given twice), then the values are applied in order; when one is refused,
     * those already applied get their old values back and nothing has changed.
     */
    private static void set(Invocation inv) {
        if (inv.argc() < 4) {
            throw new CommandError("ERR wrong number of arguments for 'config|set' command");
        }
        if (inv.argc() % 2 != 0) {
            throw new CommandError(Errors.SYNTAX); // a name without its value, as Redis 7 words it
        }
        Set<String> seen = new HashSet<>();
        for (int i = 2; i < inv.argc(); i += 2) {
            String name = inv.argLower(i);
            Setting setting = inv.server().config().setting(name);
            if (setting == null) {
                throw new CommandError("ERR Unknown option or number of arguments for CONFIG SET - '"
                        + inv.argString(i) + "'");
            }
            if (!setting.live()) {
                throw new CommandError(failed(inv, i, "can't set immutable config"));
            }
            if (!seen.add(setting.name())) {
                throw new CommandError(failed(inv, i, "duplicate parameter"));
            }
        }
        Map<String, String> previous = new LinkedHashMap<>();
        for (int i = 2; i < inv.argc(); i += 2) {
            Setting setting = inv.server().config().setting(inv.argLower(i));
            String old = setting.value();
            try {
                inv.server().config().set(setting.name(), inv.argString(i + 1));
                previous.put(setting.name(), old);
            } catch (IllegalArgumentException e) {
                restore(inv, previous);
                // Redis names the setting here as it knows it, and as the client wrote it above.
                throw new CommandError("ERR CONFIG SET failed (possibly related to argument '" + setting.name()
                        + "') - " + e.getMessage());
            }
        }
        inv.reply().ok();
    }

    /** Puts back the values a failed CONFIG SET had applied, newest first. */
    private static void restore(Invocation inv, Map<String, String> previous) {
        List<Map.Entry<String, String>> applied = new ArrayList<>(previous.entrySet());
        Collections.reverse(applied);
        for (Map.Entry<String, String> e : applied) {
            inv.server().config().set(e.getKey(), e.getValue());
        }
    }

    private static String failed(Invocation inv, int arg, String reason) {
        return "ERR CONFIG SET failed (possibly related to argument '" + inv.argString(arg) + "') - " + reason;
    }
}
