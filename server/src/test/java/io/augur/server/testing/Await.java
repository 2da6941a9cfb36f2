package io.augur.server.testing;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Awaited conditions: polls a probe until a condition holds, with a deadline generous enough for
 * a loaded 2-core machine; the deadline only turns a hang into a failure, it measures nothing.
 */
public final class Await {

    /** The default deadline: far beyond what any condition here needs on a busy machine. */
    public static final Duration DEADLINE = Duration.ofSeconds(60);
    /** Pause between probes, so polling does not itself load the machine. */
    private static final long POLL_NANOS = 5_000_000;

    private Await() {
    }

    /** Probes until {@code done} accepts the probe's value, and returns that value. */
    public static <T> T until(String what, Supplier<T> probe, Predicate<T> done) {
        return until(what, DEADLINE, probe, done);
    }

    public static <T> T until(String what, Duration deadline, Supplier<T> probe, Predicate<T> done) {
        long end = System.nanoTime() + deadline.toNanos();
        T last = probe.get();
        while (!done.test(last)) {
            if (System.nanoTime() > end) {
                throw new AssertionError("not within " + deadline.toSeconds() + " s: " + what + " (last: " + last + ")");
            }
            LockSupport.parkNanos(POLL_NANOS);
            last = probe.get();
        }
        return last;
    }
}
