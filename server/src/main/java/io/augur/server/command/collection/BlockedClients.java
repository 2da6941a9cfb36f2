package io.augur.server.command.collection;

import io.augur.server.client.ClientFields;
import io.augur.server.client.ClientSession;
import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.CommandHooks;
import io.augur.server.command.Invocation;
import io.augur.server.command.Reply;
import io.augur.server.store.DatabaseKeys;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.nio.charset.StandardCharsets;

/**
 * Clients parked by a blocking command (BLPOP, BZPOPMIN and friends), queued per key in arrival order.
 *
 * Wake-up: a write to a key someone waits on marks the key ready; once the writing command has
 * finished — a whole EXEC or script included, as in Redis — {@link #settled} serves the waiters of
 * each ready key in FIFO order, each by re-running its pop as that client, until one finds the key
 * empty. Serving may push (BLMOVE) and make further keys ready; the loop drains them too.
 *
 * Threads: everything here runs on the command thread (io-threads 1), like every store write.
 * The parked client's reply is a deferred reply ({@link Invocation#block}), so the event loop never
 * waits and the client's later pipelined commands stay queued behind it.
 */
public final class BlockedClients implements CommandHooks {

    /** A blocked command's pop: writes the reply and returns true, or writes nothing and returns false. */
    public interface Attempt {
        boolean tryServe(Invocation inv);
    }

    private static final class Waiter {
        final ClientSession client;
        final Invocation own;
        final List<ByteBuffer> keys;
        final Attempt attempt;
        final Consumer<Reply> onTimeout;
        final CompletableFuture<Consumer<Reply>> reply = new CompletableFuture<>();
        ScheduledFuture<?> timer;

        Waiter(ClientSession client, Invocation own, List<ByteBuffer> keys, Attempt attempt, Consumer<Reply> onTimeout) {
            this.client = client;
            this.own = own;
            this.keys = keys;
            this.attempt = attempt;
            this.onTimeout = onTimeout;
        }
    }

    /** strtold's decimal forms (Java's parser would also take "1d", "0x1p3", " 1"). */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|[+-]?inf(inity)?",
            Pattern.CASE_INSENSITIVE);

    private final Map<ByteBuffer, ArrayDeque<Waiter>> byKey = new HashMap<>();
    private final Map<Long, Waiter> byClient = new HashMap<>();
    private final LinkedHashSet<ByteBuffer> ready = new LinkedHashSet<>();
    private boolean serving;

    /** The registry of a command table, created and hooked in on first use (one per server). */
    public static BlockedClients of(CommandTable table) {
        return table.shared(BlockedClients.class, () -> {
            BlockedClients blocked = new BlockedClients();
            table.hooks(blocked);
            return blocked;
        });
    }

    /**
     * Serves at once when {@code attempt} finds data; otherwise answers {@code whenEmpty} where the
     * client may not wait (MULTI, a script), or parks it until a push or {@code onTimeout}.
     */
    public void serveOrBlock(Invocation inv, List<byte[]> keys, long timeoutMillis, Attempt attempt,
                             Consumer<Reply> whenEmpty, Consumer<Reply> onTimeout) {
        if (attempt.tryServe(inv)) {
            return;
        }
        if (!inv.mayDefer()) {
            whenEmpty.accept(inv.reply());
            return;
        }
        block(inv, keys, timeoutMillis, attempt, onTimeout);
    }

    /** The keys of a BLPOP-style command: every argument between the command's name and the trailing timeout. */
    public static List<byte[]> keysBeforeTimeout(Invocation inv) {
        List<byte[]> keys = new ArrayList<>();
        for (int i = 1; i < inv.argc() - 1; i++) {
            keys.add(inv.arg(i));
        }
        return keys;
    }

    /** A timeout in seconds (fractions allowed, 0 = forever) as milliseconds, rounded up, with Redis 7.0's errors. */
    public static long timeoutMillis(byte[] text) {
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

    /**
     * Parks the client of {@code inv} on {@code keys} until {@code attempt} succeeds after a write to
     * one of them, or {@code timeoutMillis} pass (0 = forever) and {@code onTimeout} replies.
     */
    public void block(Invocation inv, List<byte[]> keys, long timeoutMillis, Attempt attempt, Consumer<Reply> onTimeout) {
        Reply ownReply = new Reply();
        ownReply.version(inv.reply().version());
        Invocation own = new Invocation(inv.server(), inv.client(), ownReply);
        List<ByteBuffer> qualified = new ArrayList<>();
        for (byte[] key : keys) {
            ByteBuffer q = ByteBuffer.wrap(DatabaseKeys.qualify(inv.client().db(), key));
            if (!qualified.contains(q)) {
                qualified.add(q);
            }
        }
        Waiter waiter = new Waiter(inv.client(), own, qualified, attempt, onTimeout);
        qualified.forEach(q -> byKey.computeIfAbsent(q, k -> new ArrayDeque<>()).add(waiter));
        byClient.put(inv.client().id(), waiter);
        if (timeoutMillis > 0) {
            waiter.timer = inv.client().channel().eventLoop().schedule(
                    () -> inv.server().commands().scriptGate().whenIdle(() -> timedOut(waiter)), timeoutMillis, TimeUnit.MILLISECONDS);
        }
        inv.block(waiter.reply);
    }

    /** How many clients are blocked (INFO's blocked_clients). */
    @Override
    public void describe(ClientSession client, ClientFields fields) {
        if (byClient.containsKey(client.id())) {
            fields.flag('b');
        }
    }

    public int blockedCount() {
        return byClient.size();
    }

    /** CLIENT UNBLOCK: answers the blocked client now, with its timeout reply or the given error; false if not blocked. */
    public boolean unblock(long clientId, String error) {
        Waiter waiter = byClient.get(clientId);
        if (waiter == null) {
            return false;
        }
        forget(waiter);
        waiter.reply.complete(error == null ? waiter.onTimeout : r -> r.error(error));
        return true;
    }

    private void timedOut(Waiter waiter) {
        if (byClient.get(waiter.client.id()) == waiter) {
            forget(waiter);
            waiter.reply.complete(waiter.onTimeout);
        }
    }

    private void forget(Waiter waiter) {
        byClient.remove(waiter.client.id(), waiter);
        for (ByteBuffer key : waiter.keys) {
            ArrayDeque<Waiter> queue = byKey.get(key);
            if (queue != null) {
                queue.remove(waiter);
                if (queue.isEmpty()) {
                    byKey.remove(key);
                }
            }
        }
        if (waiter.timer != null) {
            waiter.timer.cancel(false);
        }
    }

    @Override
    public void wrote(Invocation inv, byte[] key) {
        if (byKey.isEmpty()) {
            return;
        }
        ByteBuffer q = ByteBuffer.wrap(DatabaseKeys.qualify(inv.client().db(), key));
        if (byKey.containsKey(q)) {
            ready.add(q);
        }
    }

    @Override
    public void settled(Invocation inv) {
        if (serving || ready.isEmpty()) {
            return;
        }
        serving = true;
        try {
            while (!ready.isEmpty()) {
                ByteBuffer key = ready.iterator().next();
                ready.remove(key);
                serveKey(key);
            }
        } finally {
            serving = false;
        }
    }

    private void serveKey(ByteBuffer key) {
        ArrayDeque<Waiter> queue = byKey.get(key);
        while (queue != null && !queue.isEmpty() && tryServe(queue.peek())) {
            queue = byKey.get(key);
        }
    }

    private boolean tryServe(Waiter waiter) {
        ByteBuf out = Unpooled.buffer();
        waiter.own.reply().target(out);
        boolean served;
        try {
            served = waiter.attempt.tryServe(waiter.own);
        } catch (CommandError e) {
            served = false; // the key now holds another type: Redis 7.0 keeps the client blocked
        }
        if (!served) {
            out.release();
            return false;
        }
        forget(waiter);
        waiter.reply.complete(reply -> {
            reply.buffer().writeBytes(out);
            out.release();
        });
        return true;
    }

    @Override
    public void closed(ClientSession client) {
        Waiter waiter = byClient.get(client.id());
        if (waiter != null) {
            forget(waiter);
        }
    }
}
