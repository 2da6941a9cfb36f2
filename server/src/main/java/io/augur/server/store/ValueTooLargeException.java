package io.augur.server.store;

/** A key or value beyond the store's per-entry limits; refused before Chronicle Map would throw. */
public final class ValueTooLargeException extends RuntimeException {

    public ValueTooLargeException(String message) {
        super(message, null, false, false);
    }
}
