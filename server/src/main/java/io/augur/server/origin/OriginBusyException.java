package io.augur.server.origin;

/**
 * Too many origin calls were in flight; this one was refused without being sent.
 */
public final class OriginBusyException extends OriginException {

    public OriginBusyException(int maxConcurrent) {
        super("origin busy: " + maxConcurrent + " calls in flight (expected: < " + maxConcurrent + ")", false);
    }
}
