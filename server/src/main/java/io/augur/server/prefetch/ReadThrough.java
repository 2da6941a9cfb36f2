package io.augur.server.prefetch;

import io.augur.server.command.Invocation;
import io.augur.server.command.MissLoader;
import io.augur.server.command.Reply;
import io.augur.server.config.OriginAccessSettings;

import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * `--read-through yes`: a GET miss loads the key from the origin, stores it and replies with it.
 * The command thread never waits: the reply is written when the origin answers (or times out).
 */
public final class ReadThrough implements MissLoader {

    private final OriginAccessSettings settings;
    private final OriginLoader loader;

    public ReadThrough(OriginAccessSettings settings, OriginLoader loader) {
        this.settings = settings;
        this.loader = loader;
    }

    @Override
    public boolean enabled() {
        return settings.readThrough();
    }

    /** Replies to the GET later with the origin's value, nil when the origin has none, or an error. */
    @Override
    public void load(Invocation inv, byte[] key) {
        byte[] qualified = inv.qualified(key); // stored in the client's database; the origin sees the plain key
        inv.replyLater(loader.fetch(qualified).handle((value, error) -> (Consumer<Reply>) reply -> {
            if (error != null) {
                reply.error("ERR origin unavailable: " + message(error));
            } else if (value == null) {
                reply.nullBulk();
            } else {
                // On the command thread; a store that refuses it still lets the client have the value.
                loader.storeIfAbsent(qualified, value, settings.readThroughTtlSeconds(), false);
                reply.bulk(value);
            }
        }));
    }

    private static String message(Throwable error) {
        Throwable t = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m;
    }
}
