package io.augur.server.command;

import io.augur.server.client.ClientFields;
import io.augur.server.client.ClientSession;

import java.util.List;

/**
 * What a command family may add around every command without the dispatcher knowing the family:
 * transactions queue commands, pub/sub restricts a subscribed connection, both watch key writes.
 */
public interface CommandHooks {

    /** No family hooks in. */
    CommandHooks NONE = new CommandHooks() { };

    /**
     * Runs before a checked command (known, right arity, authenticated); returns true when the hook
     * answered it instead (queued it, refused it), so the command itself does not run.
     */
    default boolean intercept(Invocation inv, CommandSpec spec) {
        return false;
    }

    /** The command was refused before running (unknown, wrong arity, not authenticated). */
    default void refused(Invocation inv) {
    }

    /** A command wrote, deleted or changed the expiry of {@code key}. */
    default void wrote(Invocation inv, byte[] key) {
    }

    /**
     * A connection's command finished, with all it ran (EXEC's queue, a script's calls): the point
     * where Redis serves clients blocked on keys the command wrote.
     */
    default void settled(Invocation inv) {
    }

    /** The connection closed: forget what it held (watched keys, subscriptions). */
    default void closed(ClientSession client) {
    }

    /** CLIENT LIST / CLIENT INFO: fills in what the family knows of the client (subscriptions, MULTI). */
    default void describe(ClientSession client, ClientFields fields) {
    }

    /** All of {@code hooks}, in order; the first that intercepts a command wins. */
    static CommandHooks of(List<CommandHooks> hooks) {
        List<CommandHooks> all = List.copyOf(hooks);
        return new CommandHooks() {
            @Override
            public boolean intercept(Invocation inv, CommandSpec spec) {
                for (CommandHooks h : all) {
                    if (h.intercept(inv, spec)) {
                        return true;
                    }
                }
                return false;
            }

            @Override
            public void refused(Invocation inv) {
                all.forEach(h -> h.refused(inv));
            }

            @Override
            public void wrote(Invocation inv, byte[] key) {
                for (CommandHooks h : all) {
                    h.wrote(inv, key);
                }
            }

            @Override
            public void settled(Invocation inv) {
                all.forEach(h -> h.settled(inv));
            }

            @Override
            public void closed(ClientSession client) {
                all.forEach(h -> h.closed(client));
            }

            @Override
            public void describe(ClientSession client, ClientFields fields) {
                all.forEach(h -> h.describe(client, fields));
            }
        };
    }
}
