package io.augur.server.origin;

import java.util.concurrent.CompletableFuture;

/**
 * The slow source of truth that misses and prefetches load from.
 */
public interface Origin extends AutoCloseable {

    /**
     * Loads one key: completes with its value, with {@code null} when the origin says the key is
     * absent, or exceptionally (usually with an {@link OriginException}) on error.
     */
    // WARNING: callers run this on Netty event loops; an implementation must never block here.
    CompletableFuture<byte[]> fetch(byte[] key);

    /** Where this origin loads from, for INFO and logs; never contains a password or token. */
    String describe();

    /** Releases connections and threads; later fetches fail. */
    @Override
    void close();
}
