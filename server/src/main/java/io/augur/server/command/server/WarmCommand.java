package io.augur.server.command.server;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.Numbers;
import io.augur.server.command.Reply;

import java.util.function.Consumer;

/**
 * {@code AUGUR.WARM [count]}: loads up to count (default 1000) of the most read keys that are not
 * cached from the origin now, and replies when done with what it did, as a map.
 */
public final class WarmCommand {

    private static final int DEFAULT_KEYS = 1_000;
    private static final int MAX_KEYS = 10_000;

    private WarmCommand() {
    }

    public static void register(CommandTable t) {
        t.command("augur.warm", -1).flags("admin", "no_multi")
                .doc("server", "0.1.0", "Loads the most read keys that are not cached from the origin.")
                .run(WarmCommand::warm);
    }

    private static void warm(Invocation inv) {
        if (inv.argc() > 2) {
            throw new CommandError(Errors.SYNTAX);
        }
        long count = inv.argc() == 2 ? Numbers.parseLong(inv.arg(1), Errors.NOT_INTEGER) : DEFAULT_KEYS;
        if (count < 1 || count > MAX_KEYS) {
            throw new CommandError("ERR count must be between 1 and " + MAX_KEYS);
        }
        var warmer = inv.server().warmer();
        if (!warmer.available()) {
            throw new CommandError("ERR no origin configured: nothing to warm from");
        }
        inv.replyLater(warmer.warm((int) count).handle((r, error) -> (Consumer<Reply>) reply -> {
            if (error != null) {
                reply.error("ERR warming failed: " + error.getMessage());
                return;
            }
            reply.map(4);
            reply.bulk("candidates");
            reply.integer(r.candidates());
            reply.bulk("cached");
            reply.integer(r.cached());
            reply.bulk("loaded");
            reply.integer(r.loaded());
            reply.bulk("failed");
            reply.integer(r.failed());
        }));
    }
}
