package io.augur.server.command.list;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Invocation;
import io.augur.server.command.Reply;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * BLPOP, BRPOP, BRPOPLPUSH, BLMOVE, BLMPOP: serve at once when a list has elements, otherwise park
 * the client in {@link BlockedClients}. Where a client may not wait (inside MULTI or a script) they
 * answer as their non-blocking form on an empty list.
 */
final class BlockingCommands {

    /** strtold's decimal forms (Java's parser would also take "1d", "0x1p3", " 1"). */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?inf(inity)?",
            Pattern.CASE_INSENSITIVE);

    private BlockingCommands() {
    }

    static void register(CommandTable t) {
        BlockedClients blocked = new BlockedClients();
        t.hooks(blocked);
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
        long timeout = timeoutMillis(inv.arg(inv.argc() - 1));
        List<byte[]> keys = new ArrayList<>();
        for (int i = 1; i < inv.argc() - 1; i++) {
            keys.add(inv.arg(i));
        }
        BlockedClients.Attempt attempt = own -> {
            for (byte[] key : keys) {
                StoredValue old = own.peek(key, ValueType.LIST);
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
        serveOrBlock(inv, blocked, keys, timeout, attempt, Reply::nullArray, Reply::nullArray);
    }

    private static void bmove(Invocation inv, BlockedClients blocked, boolean fromLeft, boolean toLeft, int timeoutIndex) {
        long timeout = timeoutMillis(inv.arg(timeoutIndex));
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
        serveOrBlock(inv, blocked, List.of(source), timeout, attempt, Reply::nullBulk, Reply::nullArray);
    }

    private static void blmpop(Invocation inv, BlockedClients blocked) {
        MultiPop pop = MultiPop.parse(inv, 2);
        long timeout = timeoutMillis(inv.arg(1));
        serveOrBlock(inv, blocked, pop.keys(), timeout, pop::tryPop, Reply::nullArray, Reply::nullArray);
    }

    private static void serveOrBlock(Invocation inv, BlockedClients blocked, List<byte[]> keys, long timeout,
                                     BlockedClients.Attempt attempt, Consumer<Reply> whenEmpty, Consumer<Reply> onTimeout) {
        if (attempt.tryServe(inv)) {
            return;
        }
        if (!inv.mayDefer()) {
            whenEmpty.accept(inv.reply());
            return;
        }
        blocked.block(inv, keys, timeout, attempt, onTimeout);
    }

    /** A timeout in seconds (fractions allowed, 0 = forever) as milliseconds, rounded up as Redis does. */
    static long timeoutMillis(byte[] text) {
        String s = new String(text, StandardCharsets.US_ASCII);
        if (!DECIMAL.matcher(s).matches()) {
            throw new CommandError("ERR timeout is not a float or out of range");
        }
        double millis = Double.parseDouble(s.replaceAll("(?i)inf(inity)?", "Infinity")) * 1000.0;
        if (Double.isInfinite(millis)) {
            throw new CommandError("ERR timeout is negative"); // Redis 7.0's text: its cast of +inf wraps negative
        }
        if (millis > Long.MAX_VALUE) {
            throw new CommandError("ERR timeout is out of range");
        }
        long ceiled = (long) Math.ceil(millis);
        if (ceiled < 0) {
            throw new CommandError("ERR timeout is negative");
        }
        return ceiled;
    }
}
