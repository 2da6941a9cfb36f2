package io.augur.server.origin;

import java.util.function.LongSupplier;

/**
 * Limits for origin calls: timeout, concurrency, circuit breaker and value size.
 */
public final class OriginSettings {

    /** Default time an origin call may take, in milliseconds. */
    public static final long DEFAULT_TIMEOUT_MILLIS = 1000;
    /** Default number of origin calls in flight at once. */
    public static final int DEFAULT_MAX_CONCURRENT = 64;
    /** Default failure rate, in percent of the window, that opens the breaker. */
    public static final int DEFAULT_BREAKER_FAILURE_RATE_PERCENT = 50;
    /** Default number of recent calls the breaker judges the failure rate over. */
    public static final int DEFAULT_BREAKER_WINDOW_CALLS = 20;
    /** Default time the breaker stays open before it lets probe calls through, in milliseconds. */
    public static final long DEFAULT_BREAKER_OPEN_MILLIS = 5000;
    /** Default largest value an origin may return, in bytes: a bigger one is an error. */
    public static final long DEFAULT_MAX_VALUE_BYTES = 64L * 1024 * 1024;

    /*
     * Mutability: timeout, concurrency and value size are read on every call, so CONFIG SET can
     * change them on a running server through volatile fields. The breaker settings are baked
     * into the resilience4j breaker when the origin opens; changing them means reopening it.
     */

    private volatile long timeoutMillis;
    private volatile int maxConcurrent;
    private volatile long maxValueBytes;
    private final int breakerFailureRatePercent;
    private final int breakerWindow;
    private final long breakerOpenMillis;
    private final LongSupplier clockMillis;

    private OriginSettings(Builder builder) {
        timeoutMillis(builder.timeoutMillis);
        maxConcurrent(builder.maxConcurrent);
        maxValueBytes(builder.maxValueBytes);
        this.breakerFailureRatePercent =
                (int) check("breakerFailureRatePercent", builder.breakerFailureRatePercent, 1, 100);
        this.breakerWindow = (int) check("breakerWindow", builder.breakerWindow, 1, 10_000);
        this.breakerOpenMillis = check("breakerOpenMillis", builder.breakerOpenMillis, 1, 3_600_000);
        this.clockMillis = builder.clockMillis;
    }

    /** Settings with every default. */
    public static OriginSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public long timeoutMillis() {
        return timeoutMillis;
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    public long maxValueBytes() {
        return maxValueBytes;
    }

    public int breakerFailureRatePercent() {
        return breakerFailureRatePercent;
    }

    public int breakerWindow() {
        return breakerWindow;
    }

    public long breakerOpenMillis() {
        return breakerOpenMillis;
    }

    /** The clock of time-dependent backends (the simulated origin's changing values), epoch milliseconds. */
    public LongSupplier clockMillis() {
        return clockMillis;
    }

    /** Changes the timeout for calls that start from now on. */
    public void timeoutMillis(long millis) {
        this.timeoutMillis = check("timeoutMillis", millis, 1, 600_000);
    }

    /** Changes the concurrency limit for calls that start from now on. */
    public void maxConcurrent(int calls) {
        this.maxConcurrent = (int) check("maxConcurrent", calls, 1, 1_000_000);
    }

    /** Changes the largest value accepted from the origin. */
    public void maxValueBytes(long bytes) {
        this.maxValueBytes = check("maxValueBytes", bytes, 0, Integer.MAX_VALUE - 8);
    }

    @Override
    public String toString() {
        return "OriginSettings[timeoutMillis=" + timeoutMillis + ", maxConcurrent=" + maxConcurrent
                + ", breakerFailureRatePercent=" + breakerFailureRatePercent + ", breakerWindow=" + breakerWindow
                + ", breakerOpenMillis=" + breakerOpenMillis + ", maxValueBytes=" + maxValueBytes + "]";
    }

    private static long check(String field, long value, long min, long max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(field + ": " + value + " (expected: " + min + ".." + max + ")");
        }
        return value;
    }

    /** Builds {@link OriginSettings}; every setting is optional and starts at its default. */
    public static final class Builder {
        private long timeoutMillis = DEFAULT_TIMEOUT_MILLIS;
        private int maxConcurrent = DEFAULT_MAX_CONCURRENT;
        private long maxValueBytes = DEFAULT_MAX_VALUE_BYTES;
        private int breakerFailureRatePercent = DEFAULT_BREAKER_FAILURE_RATE_PERCENT;
        private int breakerWindow = DEFAULT_BREAKER_WINDOW_CALLS;
        private long breakerOpenMillis = DEFAULT_BREAKER_OPEN_MILLIS;
        private LongSupplier clockMillis = System::currentTimeMillis;

        private Builder() {
        }

        public Builder optTimeoutMillis(long millis) {
            this.timeoutMillis = millis;
            return this;
        }

        public Builder optMaxConcurrent(int calls) {
            this.maxConcurrent = calls;
            return this;
        }

        public Builder optMaxValueBytes(long bytes) {
            this.maxValueBytes = bytes;
            return this;
        }

        public Builder optBreakerFailureRatePercent(int percent) {
            this.breakerFailureRatePercent = percent;
            return this;
        }

        public Builder optBreakerWindow(int calls) {
            this.breakerWindow = calls;
            return this;
        }

        public Builder optBreakerOpenMillis(long millis) {
            this.breakerOpenMillis = millis;
            return this;
        }

        /** The clock time-dependent backends read (a test steps its own). */
        public Builder optClockMillis(LongSupplier clock) {
            this.clockMillis = clock;
            return this;
        }

        /** The settings; throws IllegalArgumentException naming the first setting out of range. */
        public OriginSettings build() {
            return new OriginSettings(this);
        }
    }
}
