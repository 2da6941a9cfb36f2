package io.augur.server.cli;

import io.augur.server.AugurServer;
import io.augur.server.config.ConfigFile;
import io.augur.server.config.ServerConfig;
import io.augur.server.config.Setting;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * `augur serve`: starts the server. Its options are generated from {@link ServerConfig}'s settings,
 * so every setting has the same name on the command line, in a config file and in CONFIG GET/SET.
 */
final class ServeCommand implements Callable<Integer> {

    private final ServerConfig config;
    private CommandSpec spec;

    private ServeCommand(ServerConfig config) {
        this.config = config;
    }

    static CommandLine commandLine(ServerConfig config) {
        ServeCommand command = new ServeCommand(config);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command);
        spec.name("serve");
        spec.mixinStandardHelpOptions(true);
        spec.usageMessage().description("Start the server (Redis protocol) with embedded defaults.",
                "Options take redis-server's names; a config file holds `name value` lines.");
        spec.addOption(OptionSpec.builder("--config").paramLabel("FILE").type(Path.class)
                .description("read settings from a redis.conf-style file; command-line options win").build());
        spec.addOption(OptionSpec.builder("--verbose").type(boolean.class)
                .description("print stack traces of start-up errors").build());
        for (Setting setting : config.settings().values()) {
            // Descriptions are picocli format strings: a literal % must be %%.
            String description = setting.description() + " (default: " + SettingLabels.defaultValue(setting) + ")";
            OptionSpec.Builder option = OptionSpec.builder("--" + setting.name())
                    .paramLabel(SettingLabels.label(setting)).type(String.class)
                    .description(description.replace("%", "%%"));
            if (setting.value().equals("yes") || setting.value().equals("no")) {
                // A yes/no setting given alone means yes: `--read-through` is `--read-through yes`.
                option.paramLabel("yes|no").arity("0..1").fallbackValue("yes");
            }
            spec.addOption(option.build());
        }
        command.spec = spec;
        return new CommandLine(spec);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        boolean verbose = Boolean.TRUE.equals(spec.findOption("--verbose").getValue());
        try {
            Path configFile = spec.findOption("--config").getValue();
            if (configFile != null) {
                applyFile(configFile);
            }
            for (Setting setting : config.settings().values()) {
                OptionSpec option = spec.findOption("--" + setting.name());
                String value = option.getValue();
                if (value != null) {
                    apply(setting.name(), value, "--" + setting.name());
                }
            }
        } catch (StartupError e) {
            err.println("augur: " + e.getMessage());
            return 1;
        }
        LogLevels.apply(config.loglevel());
        try {
            AugurServer server = AugurServer.start(config);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "augur-signal"));
            server.awaitStop();
            return 0;
        } catch (Exception e) {
            err.println("augur: cannot start: " + describe(e));
            if (verbose) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private void applyFile(Path file) {
        try {
            for (ConfigFile.Entry entry : ConfigFile.read(file)) {
                if (config.setting(entry.name()) == null) {
                    throw new StartupError(file + " line " + entry.line() + ": unknown setting '" + entry.name() + "'");
                }
                apply(entry.name(), entry.value(), file + " line " + entry.line() + ": " + entry.name());
            }
        } catch (NoSuchFileException e) {
            throw new StartupError("config file not found: " + file);
        } catch (IOException e) {
            throw new StartupError("cannot read config file " + file + ": " + e.getMessage());
        }
    }

    private void apply(String name, String value, String where) {
        try {
            config.set(name, value);
        } catch (IllegalArgumentException e) {
            throw new StartupError("invalid value '" + value + "' for " + where + ": " + e.getMessage());
        }
    }

    /** One line for an operator: the innermost useful message, e.g. "Address already in use". */
    private static String describe(Throwable e) {
        Throwable t = e;
        String message = e.getMessage();
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        // An outer message that already quotes the root cause says more (which file, which setting).
        if (e.getMessage() != null && message != null && e.getMessage().contains(message)) {
            message = e.getMessage();
        }
        if (e instanceof java.net.BindException || t instanceof java.net.BindException
                || String.valueOf(message).contains("Address already in use")) {
            return "port already in use or address not available (" + message + ")";
        }
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }

    /** A configuration problem found before start-up, reported as one line. */
    private static final class StartupError extends RuntimeException {
        StartupError(String message) {
            super(message, null, false, false);
        }
    }
}
