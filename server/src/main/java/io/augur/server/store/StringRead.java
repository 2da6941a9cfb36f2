package io.augur.server.store;

/** What {@link Store#readString} found at a key. */
public enum StringRead {
    /** No live entry (absent, or expired and now removed). */
    ABSENT,
    /** A live entry of another type; nothing was read or counted (the caller's usual read reports it). */
    WRONG_TYPE,
    /** A string, copied into the sink. */
    HIT,
    /** A string the prefetcher loaded and no client had read, copied into the sink (now marked read). */
    HIT_PREFETCHED,
    /** Expired: only between the map and the store, which removes it and answers ABSENT. */
    EXPIRED
}
