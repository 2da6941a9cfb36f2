package io.augur.server.prefetch;

import io.augur.server.ServerContext;
import io.augur.server.command.Invocation;
import io.augur.server.command.Reply;
import io.augur.server.origin.Origin;
import io.augur.server.store.OutOfMemoryException;
import io.augur.server.store.ValueTooLargeException;

import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * `--read-through yes`: a GET miss loads the key from the origin, stores it and replies with it.
 * The command thread never waits: the reply is written when the origin answers (or times out).
 */
public final class ReadThrough {

    private final ServerContext server;
    private final Origin origin;

    public ReadThrough(ServerContext server, Origin origin) {
        this.server = server;
        this.origin = origin;
    }

    public boolean enabled() {
        return server.config().prefetch().readThrough();
    }

    /** Replies to the GET later with the origin's value, nil when the origin has none, or an error. */
    public void load(Invocation inv, byte[] key) {
        inv.replyLater(origin.fetch(key).handle((value, error) -> (Consumer<Reply>) reply -> {
            if (error != null) {
                reply.error("ERR origin unavailable: " + message(error));
            } else if (value == null) {
                reply.nullBulk();
            } else {
                store(key, value);
                reply.bulk(value);
            }
        }));
    }

    /** Runs on the command thread; a value written by a client meanwhile wins. */
    private void store(byte[] key, byte[] value) {
        if (server.store().peek(key) != null) {
            return;
        }
        long ttlSeconds = server.config().prefetch().readThroughTtlSeconds();
        long expireAt = ttlSeconds == 0 ? 0 : server.nowMillis() + ttlSeconds * 1000;
        try {
            server.store().put(key, value, expireAt, false);
        } catch (OutOfMemoryException | ValueTooLargeException e) {
            // The client still gets the value; it just is not cached.
        }
    }

    private static String message(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
