package io.augur.protocol;

/**
 * The bounds a client's request must stay within, as Redis sets them. Each one stops a client
 * from making the server allocate or buffer without limit.
 */
public final class RespLimits {

    /** proto-max-bulk-len default: a larger claimed bulk is refused before any byte of it is buffered. */
    public static final long DEFAULT_MAX_BULK_BYTES = 512L * 1024 * 1024;

    /** Largest multibulk element count; stops `*2000000000` from sizing an argument array. */
    public static final int MAX_MULTIBULK_LENGTH = 1024 * 1024;

    /** Longest inline command line (PROTO_INLINE_MAX_SIZE); stops an endless line without CRLF. */
    public static final int MAX_INLINE_BYTES = 64 * 1024;

    /** Longest `*N` / `$N` header line; a count needs at most 20 digits and a sign. */
    public static final int MAX_HEADER_LINE_BYTES = 32;

    /** Arguments pre-sized at most: a larger claimed count grows the array as the bytes arrive. */
    public static final int MAX_PRESIZED_ARGS = 1024;

    private final long maxBulkBytes;

    public RespLimits(long maxBulkBytes) {
        this.maxBulkBytes = maxBulkBytes;
    }

    public static RespLimits defaults() {
        return new RespLimits(DEFAULT_MAX_BULK_BYTES);
    }

    public long maxBulkBytes() {
        return maxBulkBytes;
    }
}
