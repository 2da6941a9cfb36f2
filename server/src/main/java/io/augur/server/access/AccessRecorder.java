package io.augur.server.access;

/**
 * Receives every key read and write from the command path. Implementations must never block:
 * the request path does not wait for the predictor.
 */
public interface AccessRecorder {

    AccessRecorder NONE = new AccessRecorder() {
        @Override
        public void read(byte[] key, boolean hit, long connectionId) {
        }

        @Override
        public void write(byte[] key, long connectionId) {
        }
    };

    void read(byte[] key, boolean hit, long connectionId);

    void write(byte[] key, long connectionId);

    /** A read found an entry the prefetcher loaded that nobody had read yet ("prefetch used"). */
    default void prefetchUsed(byte[] key) {
    }

    /** The connection says whose reads follow (AUGUR.CONTEXT): one user's sequence inside a pooled connection. */
    default void context(byte[] name, long connectionId) {
    }

    /** The connection ended: its per-client predictor state can be forgotten. */
    default void closed(long connectionId) {
    }
}
