package io.augur.server.store;

/** A write refused because maxmemory (or the store's capacity) is reached and nothing may be evicted. */
public final class OutOfMemoryException extends RuntimeException {

    public OutOfMemoryException() {
        super("OOM command not allowed when used memory > 'maxmemory'.", null, false, false);
    }
}
