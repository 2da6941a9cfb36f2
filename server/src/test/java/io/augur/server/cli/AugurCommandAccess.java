package io.augur.server.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs `augur …` in process, as the command line would, capturing its exit code, stdout and stderr. */
public final class AugurCommandAccess {

    /** What one run of the command line did. */
    public record Result(int code, String out, String err) {
    }

    private AugurCommandAccess() {
    }

    public static Result execute(String... args) {
        var cli = AugurCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintWriter outWriter = new PrintWriter(out, true);
        PrintWriter errWriter = new PrintWriter(err, true);
        cli.setOut(outWriter);
        cli.setErr(errWriter);
        cli.getSubcommands().values().forEach(sub -> {
            sub.setOut(outWriter);
            sub.setErr(errWriter);
        });
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    /** Stdout and stderr together, with the exit code: for assertions on what a user sees. */
    public static String run(String... args) {
        Result r = execute(args);
        return r.out() + r.err() + "\n(exit " + r.code() + ")";
    }
}
