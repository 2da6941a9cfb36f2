package io.augur.protocol;

/**
 * A request that broke the protocol; the server replies `-ERR <message>` and closes the
 * connection, as Redis does. The message has no "ERR " prefix.
 */
public record RespProtocolError(String message) {
}
