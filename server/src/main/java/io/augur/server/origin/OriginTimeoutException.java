package io.augur.server.origin;

/**
 * The origin did not answer within the configured timeout.
 */
public final class OriginTimeoutException extends OriginException {

    public OriginTimeoutException(long timeoutMillis) {
        super("origin timeout: no answer within " + timeoutMillis + " ms", false);
    }
}
