package io.augur.server.origin;

/**
 * An origin call failed; {@link #status()} carries the HTTP status when there was one.
 */
public class OriginException extends RuntimeException {

    /** The value of {@link #status()} when the failure had no HTTP status. */
    public static final int NO_STATUS = -1;

    private final int status;

    public OriginException(String message) {
        this(message, NO_STATUS, null);
    }

    public OriginException(String message, Throwable cause) {
        this(message, NO_STATUS, cause);
    }

    public OriginException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** Without a stack trace: for rejections on the overload path, where a trace only costs. */
    protected OriginException(String message, boolean withStackTrace) {
        super(message, null, false, withStackTrace);
        this.status = NO_STATUS;
    }

    /** The HTTP status the origin answered with, or {@link #NO_STATUS}. */
    public int status() {
        return status;
    }
}
