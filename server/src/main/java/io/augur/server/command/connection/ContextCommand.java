package io.augur.server.command.connection;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Invocation;

/**
 * {@code AUGUR.CONTEXT name}: the reads this connection sends next are one user's (or job's) sequence,
 * so a pooled connection's interleaved users are learned apart. Replies OK.
 */
public final class ContextCommand {

    /** Longest context name: it is an id, not data (bounds what a client can make the predictor hold). */
    private static final int MAX_NAME_BYTES = 256;

    private ContextCommand() {
    }

    public static void register(CommandTable t) {
        t.command("augur.context", 2).flags("fast")
                .doc("connection", "0.2.0", "Names the reading context (user, session) of this connection's next reads.")
                .run(ContextCommand::context);
    }

    private static void context(Invocation inv) {
        byte[] name = inv.arg(1);
        if (name.length == 0 || name.length > MAX_NAME_BYTES) {
            throw new CommandError("ERR context name must be 1 to " + MAX_NAME_BYTES + " bytes");
        }
        inv.contextHint(name);
        inv.reply().ok();
    }
}
