package io.augur.server.config;

/**
 * The {@code notify-keyspace-events} classes as Redis 7 spells them: one letter per class, parsed
 * into a bit set and written back in Redis's canonical order (CONFIG GET shows {@code AKE} for
 * {@code KEA}).
 */
public final class NotifyKeyspaceEvents {

    /** K: events on {@code __keyspace@<db>__:<key>}, the event name as the message. */
    public static final int KEYSPACE = 1;
    /** E: events on {@code __keyevent@<db>__:<event>}, the key as the message. */
    public static final int KEYEVENT = 1 << 1;
    /** g: generic commands (DEL, EXPIRE, RENAME, COPY, MOVE, ...). */
    public static final int GENERIC = 1 << 2;
    /** $: string commands. */
    public static final int STRING = 1 << 3;
    /** l: list commands. */
    public static final int LIST = 1 << 4;
    /** s: set commands. */
    public static final int SET = 1 << 5;
    /** h: hash commands. */
    public static final int HASH = 1 << 6;
    /** z: sorted-set commands. */
    public static final int ZSET = 1 << 7;
    /** x: a key expired (lazily, on access, or by the active expiry cycle). */
    public static final int EXPIRED = 1 << 8;
    /** e: a key evicted by the maxmemory policy. */
    public static final int EVICTED = 1 << 9;
    /** t: stream commands (Augur has none; accepted, as Redis). */
    public static final int STREAM = 1 << 10;
    /** m: a key read found nothing (not in A, as in Redis). */
    public static final int KEY_MISS = 1 << 11;
    /** d: module events (Augur has none; accepted, as Redis). */
    public static final int MODULE = 1 << 13;
    /** n: a key was created (not in A, as in Redis). */
    public static final int NEW = 1 << 14;
    /** A: alias for g$lshzxetd. */
    public static final int ALL = GENERIC | STRING | LIST | SET | HASH | ZSET | EXPIRED | EVICTED | STREAM | MODULE;

    /** Redis's error text for a letter it does not know. */
    static final String INVALID = "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.";

    private NotifyKeyspaceEvents() {
    }

    /** The classes named by {@code letters}; IllegalArgumentException with Redis's text for an unknown letter. */
    public static int parse(String letters) {
        int flags = 0;
        for (int i = 0; i < letters.length(); i++) {
            flags |= switch (letters.charAt(i)) {
                case 'A' -> ALL;
                case 'g' -> GENERIC;
                case '$' -> STRING;
                case 'l' -> LIST;
                case 's' -> SET;
                case 'h' -> HASH;
                case 'z' -> ZSET;
                case 'x' -> EXPIRED;
                case 'e' -> EVICTED;
                case 'K' -> KEYSPACE;
                case 'E' -> KEYEVENT;
                case 't' -> STREAM;
                case 'm' -> KEY_MISS;
                case 'd' -> MODULE;
                case 'n' -> NEW;
                default -> throw new IllegalArgumentException(INVALID);
            };
        }
        return flags;
    }

    /** The canonical spelling, as Redis's keyspaceEventsFlagsToString writes it. */
    public static String format(int flags) {
        StringBuilder s = new StringBuilder();
        if ((flags & ALL) == ALL) {
            s.append('A');
        } else {
            append(s, flags, GENERIC, 'g');
            append(s, flags, STRING, '$');
            append(s, flags, LIST, 'l');
            append(s, flags, SET, 's');
            append(s, flags, HASH, 'h');
            append(s, flags, ZSET, 'z');
            append(s, flags, EXPIRED, 'x');
            append(s, flags, EVICTED, 'e');
            append(s, flags, STREAM, 't');
            append(s, flags, MODULE, 'd');
            append(s, flags, NEW, 'n'); // Redis 7.0 writes n only here, so "An" reads back "A"
        }
        append(s, flags, KEYSPACE, 'K');
        append(s, flags, KEYEVENT, 'E');
        append(s, flags, KEY_MISS, 'm');
        return s.toString();
    }

    private static void append(StringBuilder s, int flags, int flag, char letter) {
        if ((flags & flag) != 0) {
            s.append(letter);
        }
    }
}
