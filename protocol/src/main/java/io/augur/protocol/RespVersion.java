package io.augur.protocol;

/** The RESP dialect a connection speaks: RESP2 by default, RESP3 after `HELLO 3`. */
public enum RespVersion {
    RESP2,
    RESP3
}
