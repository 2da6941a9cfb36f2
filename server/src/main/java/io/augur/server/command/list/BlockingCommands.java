package io.augur.server.command.list;

import io.augur.server.command.CommandTable;
import io.augur.server.command.Invocation;
import io.augur.server.command.Reply;
import io.augur.server.command.collection.BlockedClients;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

import java.util.List;

/**
 * BLPOP, BRPOP, BRPOPLPUSH, BLMOVE, BLMPOP: serve at once when a list has elements, otherwise park
 * the client in {@link BlockedClients}. Where a client may not wait (inside MULTI or a script) they
 * answer as their non-blocking form on an empty list.
 */
final class BlockingCommands {

    private BlockingCommands() {
    }

    static void register(CommandTable t) {
        BlockedClients blocked = BlockedClients.of(t);
        t.command("blpop", -3).flags("write", "noscript", "blocking").keys(1, -2, 1)
                .doc("list", "2.0.0", "Removes and returns the first element in a list. Blocks until an element is available otherwise. Deletes the list if the last element was popped.")
                .run(inv -> bpop(inv, blocked, true));
        t.command("brpop", -3).flags("write", "noscript", "blocking").keys(1, -2, 1)
                .doc("list", "2.0.0", "Removes and returns the last element in a list. Blocks until an element is available otherwise. Deletes the list if the last element was popped.")
                .run(inv -> bpop(inv, blocked, false));
        t.command("brpoplpush", 4).flags("write", "denyoom", "noscript", "blocking").keys(1, 2, 1)
                .doc("list", "2.2.0", "Pops an element from a list, pushes it to another list and returns it. Block until an element is available otherwise. Deletes the list if the last element was popped.")
                .run(inv -> bmove(inv, blocked, false, true, 3));
        t.command("blmove", 6).flags("write", "denyoom", "noscript", "blocking").keys(1, 2, 1)
                .doc("list", "6.2.0", "Pops an element from a list, pushes it to another list and returns it. Blocks until an element is available otherwise. Deletes the list if the last element was moved.")
                .run(inv -> bmove(inv, blocked, ListValue.parseLeft(inv, 3), ListValue.parseLeft(inv, 4), 5));
        t.command("blmpop", -5).flags("write", "blocking").keys(3, 3, 1)
                .doc("list", "7.0.0", "Pops the first element from one of multiple lists. Blocks until an element is available otherwise. Deletes the list if the last element was popped.")
                .run(inv -> blmpop(inv, blocked));
    }

    private static void bpop(Invocation inv, BlockedClients blocked, boolean left) {
        long timeout = BlockedClients.timeoutMillis(inv.arg(inv.argc() - 1));
        List<byte[]> keys = BlockedClients.keysBeforeTimeout(inv);
        BlockedClients.Attempt attempt = own -> {
            for (byte[] key : keys) {
                StoredValue old = own.shallowPeek(key, ValueType.LIST);
                if (old != null) {
                    byte[] element = ListValue.pop(own, key, old, left, 1).get(0);
                    own.reply().array(2);
                    own.reply().bulk(key);
                    own.reply().bulk(element);
                    return true;
                }
            }
            return false;
        };
        blocked.serveOrBlock(inv, keys, timeout, attempt, Reply::nullArray, Reply::nullArray);
    }

    private static void bmove(Invocation inv, BlockedClients blocked, boolean fromLeft, boolean toLeft, int timeoutIndex) {
        long timeout = BlockedClients.timeoutMillis(inv.arg(timeoutIndex));
        byte[] source = inv.arg(1);
        byte[] destination = inv.arg(2);
        BlockedClients.Attempt attempt = own -> {
            byte[] element = ListValue.move(own, source, destination, fromLeft, toLeft);
            if (element == null) {
                return false;
            }
            own.reply().bulk(element);
            return true;
        };
        // Redis answers a timeout with a null array but an empty list inside MULTI with a null bulk.
        blocked.serveOrBlock(inv, List.of(source), timeout, attempt, Reply::nullBulk, Reply::nullArray);
    }

    private static void blmpop(Invocation inv, BlockedClients blocked) {
        MultiPop pop = MultiPop.parse(inv, 2);
        long timeout = BlockedClients.timeoutMillis(inv.arg(1));
        blocked.serveOrBlock(inv, pop.keys(), timeout, pop::tryPop, Reply::nullArray, Reply::nullArray);
    }
}
