package io.augur.server.origin;

import java.util.concurrent.CompletableFuture;

/**
 * The origin of a server configured without one: every fetch fails.
 */
final class NoOrigin implements Origin {

    @Override
    public CompletableFuture<byte[]> fetch(byte[] key) {
        return CompletableFuture.failedFuture(new OriginException("no origin configured"));
    }

    @Override
    public String describe() {
        return "none";
    }

    @Override
    public void close() {
    }
}
