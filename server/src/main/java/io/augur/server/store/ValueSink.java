package io.augur.server.store;

/**
 * Where {@link Store#readString} copies a string value: a buffer the caller reuses between reads,
 * so GET's read allocates nothing of its own.
 */
@FunctionalInterface
public interface ValueSink {

    /** A buffer of at least {@code length} bytes, into which the value's bytes are copied from index 0. */
    byte[] buffer(int length);
}
