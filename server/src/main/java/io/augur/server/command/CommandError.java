package io.augur.server.command;

/** Aborts a command with a Redis-style error reply; cheap (no stack trace) because clients cause it. */
public final class CommandError extends RuntimeException {

    public CommandError(String message) {
        super(message, null, false, false);
    }
}
