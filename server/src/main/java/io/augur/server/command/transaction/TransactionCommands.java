package io.augur.server.command.transaction;

import io.augur.protocol.RespCommand;
import io.augur.server.command.CommandDispatcher;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Invocation;
import io.augur.server.command.Reply;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;

/** MULTI, EXEC, DISCARD, WATCH, UNWATCH with Redis 7's replies and error texts. */
public final class TransactionCommands {

    /*
     * Atomicity: Augur runs every command, and every store write from prefetch, read-through and
     * expiry, on one command thread (io-threads is fixed at 1), so EXEC's commands run back to back
     * with nothing in between. A command that would reply later (a read-through GET miss) may not
     * defer inside EXEC: the invocation is marked atomic and the GET answers from the cache (nil).
     */

    static final String EXECABORT = "EXECABORT Transaction discarded because of previous errors.";
    static final String EXEC_WITHOUT_MULTI = "ERR EXEC without MULTI";
    static final String DISCARD_WITHOUT_MULTI = "ERR DISCARD without MULTI";
    static final String NESTED_MULTI = "ERR MULTI calls can not be nested";
    static final String WATCH_IN_MULTI = "ERR WATCH inside MULTI is not allowed";
    static final String DEFERRED_IN_EXEC = "ERR command cannot reply inside a transaction";

    private final Transactions transactions = new Transactions();

    private TransactionCommands() {
    }

    public static void register(CommandTable t) {
        TransactionCommands tc = new TransactionCommands();
        t.hooks(tc.transactions);
        t.command("multi", 1).flags("noscript", "loading", "stale", "fast", "allow_busy")
                .doc("transactions", "1.2.0", "Starts a transaction.").run(tc::multi);
        t.command("exec", 1).flags("noscript", "loading", "stale", "skip_slowlog")
                .doc("transactions", "1.2.0", "Executes all commands in a transaction.").run(tc::exec);
        t.command("discard", 1).flags("noscript", "loading", "stale", "fast", "allow_busy")
                .doc("transactions", "2.0.0", "Discards a transaction.").run(tc::discard);
        t.command("watch", -2).flags("noscript", "loading", "stale", "fast", "allow_busy").keys(1, -1, 1)
                .doc("transactions", "2.2.0", "Monitors changes to keys to determine the execution of a transaction.")
                .run(tc::watch);
        t.command("unwatch", 1).flags("noscript", "loading", "stale", "fast", "allow_busy")
                .doc("transactions", "2.2.0", "Forgets about watched keys of a transaction.").run(tc::unwatch);
    }

    private void multi(Invocation inv) {
        TransactionState tx = transactions.of(inv.client());
        if (tx.inMulti) {
            inv.reply().error(NESTED_MULTI);
            return;
        }
        tx.inMulti = true;
        inv.reply().ok();
    }

    private void discard(Invocation inv) {
        TransactionState tx = transactions.peek(inv.client());
        if (tx == null || !tx.inMulti) {
            inv.reply().error(DISCARD_WITHOUT_MULTI);
            return;
        }
        transactions.finish(tx);
        transactions.forgetIfIdle(inv.client());
        inv.reply().ok();
    }

    private void watch(Invocation inv) {
        TransactionState tx = transactions.of(inv.client());
        if (tx.inMulti) {
            inv.reply().error(WATCH_IN_MULTI);
            return;
        }
        for (int i = 1; i < inv.argc(); i++) {
            ByteBuffer key = ByteBuffer.wrap(inv.arg(i).clone());
            if (!tx.watched.containsKey(key)) {
                tx.watched.put(key, KeySnapshot.of(inv.store().peek(inv.arg(i))));
                transactions.watchedKeys().watch(key, tx);
            }
        }
        inv.reply().ok();
    }

    private void unwatch(Invocation inv) {
        TransactionState tx = transactions.peek(inv.client());
        if (tx != null) {
            transactions.watchedKeys().unwatchAll(tx);
            transactions.forgetIfIdle(inv.client());
        }
        inv.reply().ok();
    }

    private void exec(Invocation inv) {
        TransactionState tx = transactions.peek(inv.client());
        if (tx == null || !tx.inMulti) {
            inv.reply().error(EXEC_WITHOUT_MULTI);
            return;
        }
        boolean refused = tx.refusedWhileQueuing;
        boolean watchBroken = tx.watchedKeyTouched || watchedKeyChanged(inv, tx);
        List<RespCommand> commands = tx.endMulti();
        transactions.finish(tx); // unwatch before running, as Redis does: EXEC's own writes must not mark it
        transactions.forgetIfIdle(inv.client());
        if (refused) {
            inv.reply().error(EXECABORT);
            return;
        }
        if (watchBroken) {
            inv.reply().nullArray();
            return;
        }
        run(inv, commands);
    }

    /** Expiry, eviction and fills change keys without a command: compare each watched key with its snapshot. */
    private static boolean watchedKeyChanged(Invocation inv, TransactionState tx) {
        for (Map.Entry<ByteBuffer, KeySnapshot> e : tx.watched.entrySet()) {
            byte[] key = e.getKey().array();
            if (!KeySnapshot.of(inv.store().peek(key)).equals(e.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static void run(Invocation inv, List<RespCommand> commands) {
        RespCommand exec = inv.command();
        Reply reply = inv.reply();
        CommandDispatcher dispatcher = new CommandDispatcher(inv.server());
        reply.array(commands.size());
        inv.atomic(true);
        try {
            for (RespCommand command : commands) {
                dispatcher.dispatch(inv, command);
                if (inv.takeDeferred() != null) {
                    // Only commands that never defer are meant to reach here; a slot must still be filled.
                    reply.error(DEFERRED_IN_EXEC);
                }
            }
        } finally {
            inv.atomic(false);
            inv.command(exec);
            inv.client().touched(inv.now(), "exec");
            reply.clearErrored(); // each command counted its own error; EXEC itself succeeded
        }
    }
}
