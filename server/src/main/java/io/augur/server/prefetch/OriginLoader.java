package io.augur.server.prefetch;

import io.augur.server.origin.Origin;
import io.augur.server.store.DatabaseKeys;
import io.augur.server.store.OutOfMemoryException;
import io.augur.server.store.Store;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueTooLargeException;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.LongSupplier;

/**
 * Fetch-then-store-if-absent: the one way a value travels from the origin into the store, used by
 * prefetching, warming and read-through. A value a client wrote meanwhile always wins. Keys are
 * qualified by database ({@link DatabaseKeys}): stored in that database, asked of the origin plain.
 * Every answer teaches {@link Freshness} whether the value changed; every store takes its TTL from it.
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
    private final Freshness freshness;

    /** {@code commandLoop} is where store writes run, so they never race a command. */
    public OriginLoader(Origin origin, Store store, Executor commandLoop, LongSupplier clockMillis, Freshness freshness) {
        this.origin = origin;
        this.store = store;
        this.commandLoop = commandLoop;
        this.clockMillis = clockMillis;
        this.freshness = freshness;
    }

    /** The origin's answer only; the caller stores it with {@link #storeIfAbsent} on the command thread. */
    public CompletionStage<byte[]> fetch(byte[] key) {
        return origin.fetch(DatabaseKeys.key(key)).thenApply(value -> {
            if (value != null) {
                freshness.fetched(key, value, clockMillis.getAsLong());
            }
            return value;
        });
    }

    /**
     * Fetches {@code key} and stores it on the command loop unless a client stored it first;
     * completes (never exceptionally) once the store step ran or the origin had nothing.
     */
    public CompletionStage<Outcome> load(byte[] key, long ttlSeconds, boolean prefetched) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        fetch(key).whenComplete((value, error) -> {
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

    /**
     * Runs on the command thread: stores {@code value} unless the key exists; {@code ttlSeconds} is
     * the fixed TTL (0 = none), which an adaptive TTL replaces when on.
     */
    public Outcome storeIfAbsent(byte[] key, byte[] value, long ttlSeconds, boolean prefetched) {
        if (store.peek(key) != null) {
            return Outcome.ALREADY_CACHED;
        }
        return put(key, value, ttlSeconds, prefetched, false);
    }

    /**
     * Refetches a key Augur loaded, before it expires: stored again (with a new TTL) unless a
     * client wrote or deleted it meanwhile, whose value then stays. Completes, never exceptionally,
     * with STORED, ALREADY_CACHED (the client's value won), ABSENT, REFUSED or FAILED.
     */
    public CompletionStage<Outcome> refresh(byte[] key, long ttlSeconds) {
        CompletableFuture<Outcome> done = new CompletableFuture<>();
        fetch(key).whenComplete((value, error) -> {
            if (error != null) {
                done.complete(Outcome.FAILED);
            } else if (value == null) {
                done.complete(Outcome.ABSENT); // the held value expires as it would have
            } else {
                commandLoop.execute(() -> {
                    Outcome outcome = Outcome.FAILED;
                    try {
                        outcome = replaceOurs(key, value, ttlSeconds);
                    } finally {
                        done.complete(outcome);
                    }
                });
            }
        });
        return done;
    }

    private Outcome replaceOurs(byte[] key, byte[] value, long ttlSeconds) {
        StoredValue current = store.peek(key);
        if (current != null ? !freshness.isOurs(key, current) : !freshness.expired(key, clockMillis.getAsLong())) {
            return Outcome.ALREADY_CACHED;
        }
        return put(key, value, ttlSeconds, false, true);
    }

    private Outcome put(byte[] key, byte[] value, long ttlSeconds, boolean prefetched, boolean refresh) {
        long now = clockMillis.getAsLong();
        long ttlMillis = freshness.ttlMillis(key, ttlSeconds * 1000);
        long expireAt = ttlMillis == 0 ? 0 : now + ttlMillis;
        try {
            store.put(key, value, expireAt, prefetched);
        } catch (OutOfMemoryException | ValueTooLargeException e) {
            return Outcome.REFUSED;
        }
        freshness.stored(key, value, now, expireAt, refresh, !prefetched && !refresh);
        return Outcome.STORED;
    }
}
