package io.augur.server.cli;

import io.augur.server.config.ServerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `augur`: the command line entry point; subcommands do the work (`augur serve`, …). */
@Command(name = "augur", mixinStandardHelpOptions = true, versionProvider = AugurCommand.Version.class,
        description = "A Redis-compatible cache server that prefetches what clients will ask for next.",
        subcommands = CommandLine.HelpCommand.class)
public final class AugurCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (tests call this instead of main). */
    public static int run(String... args) {
        CommandLine cli = commandLine();
        return cli.execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new AugurCommand());
        cli.addSubcommand("serve", ServeCommand.commandLine(new ServerConfig()));
        cli.addSubcommand("replay", new ReplayCommand());
        cli.addSubcommand("load", new LoadCommand());
        cli.addSubcommand("freshness", new FreshnessCommand());
        cli.addSubcommand("warm", new WarmCommandLine());
        cli.addSubcommand("gen", new GenCommand());
        cli.setParameterExceptionHandler(AugurCommand::oneLineError);
        cli.getSubcommands().values().forEach(sub -> sub.setParameterExceptionHandler(AugurCommand::oneLineError));
        return cli;
    }

    /** A bad option is one clear line and exit code 2, not a usage dump. */
    private static int oneLineError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("augur: " + e.getMessage() + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        return 2;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The version from the jar manifest, or the development marker when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = AugurCommand.class.getPackage().getImplementationVersion();
            return new String[]{"augur " + (v == null ? "0.1.0-dev" : v)
                    + " (Redis protocol compatible with 7.2; Java " + System.getProperty("java.version") + ")"};
        }
    }
}
