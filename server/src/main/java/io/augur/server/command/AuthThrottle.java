package io.augur.server.command;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Rate-limits password guessing: after {@link #MAX_FAILURES} failed AUTH attempts from one source
 * address within {@link #WINDOW_MILLIS}, further attempts from it are refused without being
 * checked until the window has passed. Runs on the command loop, so it needs no locks.
 */
public final class AuthThrottle {

    /** Failed attempts allowed per address and window. */
    static final int MAX_FAILURES = 10;
    /** Length of the window, milliseconds. */
    static final long WINDOW_MILLIS = 60_000;
    /** Addresses remembered; the least recently failing is forgotten beyond this (bounds memory under a spray). */
    private static final int MAX_ADDRESSES = 10_000;

    private final Map<String, long[]> failures = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    /** Whether an attempt from {@code address} may be checked now. */
    public boolean allowed(String address, long nowMillis) {
        long[] f = failures.get(address);
        return f == null || nowMillis - f[1] >= WINDOW_MILLIS || f[0] < MAX_FAILURES;
    }

    /** Records a failed attempt. */
    public void failed(String address, long nowMillis) {
        long[] f = failures.computeIfAbsent(address, a -> new long[]{0, nowMillis});
        if (nowMillis - f[1] >= WINDOW_MILLIS) {
            f[0] = 0;
            f[1] = nowMillis;
        }
        f[0]++;
    }

    /** A successful AUTH clears the address's record. */
    public void succeeded(String address) {
        failures.remove(address);
    }
}
