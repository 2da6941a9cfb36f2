package io.augur.predictor.log;

/**
 * One key read or write as the server saw it: the unit the access log carries to the predictor.
 *
 * @param key          the key bytes (owned by the event; callers must not mutate them afterwards)
 * @param op           read or write
 * @param hit          for reads, whether the key was cached; for writes, always true
 * @param timeMillis   wall-clock time of the access
 * @param connectionId the client connection, so per-client sequences stay apart
 */
public record AccessEvent(byte[] key, Op op, boolean hit, long timeMillis, long connectionId) {

    /** What the client did with the key; CLOSE (with an empty key) says the connection ended; CONTEXT (the key is the name) says which user its next reads are for (AUGUR.CONTEXT). */
    public enum Op { READ, WRITE, CLOSE, CONTEXT }
}
