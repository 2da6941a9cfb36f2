package io.augur.server.prefetch;

import io.augur.server.origin.Origin;
import io.augur.server.store.DatabaseKeys;
import io.augur.server.store.OutOfMemoryException;
import io.augur.server.store.Store;
import io.augur.server.store.ValueTooLargeException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * Fetch-then-store-if-absent: the one way a value travels from the origin into the store, used by
 * prefetching, warming and read-through. A value a client wrote meanwhile always wins. Keys are
 * qualified by database ({@link DatabaseKeys}): stored in that database, asked of the origin plain.
 */
public final class OriginLoader {

    /** How one load ended. */
    public enum Outcome {
        /** Fetched and stored. */
        STORED,
        /** Fetched, but a client had stored the key meanwhile: nothing written. */
        ALREADY_CACHED,
        /** Fetched, but the store refused it (maxmemory or value size). */
        REFUSED,
        /** The origin has no such key. */
        ABSENT,
        /** The origin call failed or timed out. */
        FAILED
    }

    private final Origin origin;
    private final Store store;
    private final Executor commandLoop;
    private final LongSupplier clockMillis;

    /** {@code commandLoop} is where store writes run, so they never race a command. */
    public OriginLoader(Origin origin, Store store, Executor commandLoop, LongSupplier clockMillis) {
        this.origin = origin;
        this.store = store;
        this.commandLoop = commandLoop;
        this.clockMillis = clockMillis;
    }

    /** The origin's answer only; the caller stores it with {@link #storeIfAbsent} on the command thread. */
    public CompletionStage<byte[]> fetch(byte[] key) {
        return origin.fetch(DatabaseKeys.key(key));
    }

    /**
     * Fetches {@code key} and stores it on the command loop unless a client stored it first;
     * completes (never exceptionally) once the store step ran or the origin had nothing.
     */
    public CompletionStage<Outcome> load(byte[] key, long ttlSeconds, boolean prefetched) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        origin.fetch(DatabaseKeys.key(key)).whenComplete((value, error) -> {
            if (error != null) {
                done.complete(Outcome.FAILED);
            } else if (value == null) {
                done.complete(Outcome.ABSENT);
            } else {
                commandLoop.execute(() -> {
                    Outcome outcome = Outcome.FAILED;
                    try {
                        outcome = storeIfAbsent(key, value, ttlSeconds, prefetched);
                    } finally {
                        done.complete(outcome);
                    }
                });
            }
        });
        return done;
    }

    /** Runs on the command thread: stores {@code value} unless the key exists; {@code ttlSeconds} 0 = none. */
    public Outcome storeIfAbsent(byte[] key, byte[] value, long ttlSeconds, boolean prefetched) {
        if (store.peek(key) != null) {
            return Outcome.ALREADY_CACHED;
        }
        long expireAt = ttlSeconds == 0 ? 0 : clockMillis.getAsLong() + ttlSeconds * 1000;
        try {
            store.put(key, value, expireAt, prefetched);
            return Outcome.STORED;
        } catch (OutOfMemoryException | ValueTooLargeException e) {
            return Outcome.REFUSED;
        }
    }
}
