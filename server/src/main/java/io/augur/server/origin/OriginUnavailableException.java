package io.augur.server.origin;

/**
 * The circuit breaker is open after repeated failures; the call was refused without being sent.
 */
public final class OriginUnavailableException extends OriginException {

    public OriginUnavailableException(String origin) {
        super("origin unavailable: circuit breaker open for " + origin, false);
    }
}
