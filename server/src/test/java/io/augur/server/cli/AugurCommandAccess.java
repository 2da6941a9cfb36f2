package io.augur.server.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs `augur …` in process for tests in other packages; returns stdout and stderr together. */
public final class AugurCommandAccess {

    private AugurCommandAccess() {
    }

    public static String run(String... args) {
        var cli = AugurCommand.commandLine();
        StringWriter out = new StringWriter();
        PrintWriter writer = new PrintWriter(out, true);
        cli.setOut(writer);
        cli.setErr(writer);
        cli.getSubcommands().values().forEach(sub -> {
            sub.setOut(writer);
            sub.setErr(writer);
        });
        int code = cli.execute(args);
        return out + "\n(exit " + code + ")";
    }
}
