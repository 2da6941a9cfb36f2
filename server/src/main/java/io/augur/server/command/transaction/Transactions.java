package io.augur.server.command.transaction;

import io.augur.server.client.ClientFields;
import io.augur.server.client.ClientSession;
import io.augur.server.command.CommandHooks;
import io.augur.server.command.CommandSpec;
import io.augur.server.command.Invocation;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The transaction side of every command: queues commands after MULTI, remembers refusals for
 * EXECABORT, and marks transactions whose watched keys a command wrote.
 */
final class Transactions implements CommandHooks {

    /** Commands that run at once inside MULTI instead of being queued, as in Redis's processCommand. */
    private static final Set<String> RUN_INSIDE_MULTI = Set.of("exec", "discard", "multi", "watch", "quit", "reset");
    static final String NOT_ALLOWED_IN_MULTI = "ERR Command not allowed inside a transaction";

    private final Map<Long, TransactionState> byClient = new HashMap<>();
    private final WatchedKeys watchedKeys = new WatchedKeys();

    WatchedKeys watchedKeys() {
        return watchedKeys;
    }

    /** The client's state, created on first use. */
    TransactionState of(ClientSession client) {
        return byClient.computeIfAbsent(client.id(), id -> new TransactionState());
    }

    /** The client's state, or null while it never used MULTI or WATCH. */
    TransactionState peek(ClientSession client) {
        return byClient.get(client.id());
    }

    /** Ends the client's transaction and forgets its watched keys (EXEC, DISCARD, RESET, disconnect). */
    void finish(TransactionState tx) {
        tx.endMulti();
        watchedKeys.unwatchAll(tx);
    }

    @Override
    public boolean intercept(Invocation inv, CommandSpec spec) {
        TransactionState tx = byClient.get(inv.client().id());
        if (tx == null) {
            return false;
        }
        if (spec.name().equals("reset")) {
            finish(tx);
            return false;
        }
        if (!tx.inMulti || RUN_INSIDE_MULTI.contains(spec.name())) {
            return false;
        }
        if (spec.has("no_multi")) {
            tx.refusedWhileQueuing = true;
            inv.reply().error(NOT_ALLOWED_IN_MULTI);
            return true;
        }
        tx.queue(inv.command());
        inv.reply().simple("QUEUED");
        return true;
    }

    @Override
    public void refused(Invocation inv) {
        TransactionState tx = byClient.get(inv.client().id());
        if (tx != null && tx.inMulti) {
            tx.refusedWhileQueuing = true;
        }
    }

    @Override
    public void wrote(Invocation inv, byte[] key) {
        watchedKeys.touch(key);
    }

    @Override
    public void describe(ClientSession client, ClientFields fields) {
        TransactionState tx = byClient.get(client.id());
        if (tx != null && tx.inMulti) {
            fields.flag('x');
            fields.multi(tx.queued.size());
        }
        if (tx != null && tx.watchedKeyTouched) {
            fields.flag('d');
        }
    }

    @Override
    public void closed(ClientSession client) {
        TransactionState tx = byClient.remove(client.id());
        if (tx != null) {
            finish(tx);
        }
    }

    /** Drops the state of a client with nothing pending, so the map holds only active transactions. */
    void forgetIfIdle(ClientSession client) {
        TransactionState tx = byClient.get(client.id());
        if (tx != null && tx.idle()) {
            byClient.remove(client.id());
        }
    }
}
