package io.augur.server.command.collection;

import io.augur.server.command.CommandError;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The count argument of HRANDFIELD, SRANDMEMBER and ZRANDMEMBER: positive picks distinct elements
 * (all of them, in stored order, when count reaches the size), negative picks |count| with repeats.
 */
public final class RandomCount {

    /**
     * Largest |count| served: a negative count repeats elements without bound, and the whole reply is
     * built before it is sent, so one command could otherwise fill the heap (Redis streams it).
     */
    public static final long MAX_COUNT = 1L << 24;

    private RandomCount() {
    }

    /** Parses a count as Redis does (-LONG_MAX..LONG_MAX), refusing more than {@link #MAX_COUNT} elements. */
    public static long parse(Invocation inv, int index) {
        long count = inv.argLong(index);
        if (count == Long.MIN_VALUE) {
            throw new CommandError("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807");
        }
        if (Math.abs(count) > MAX_COUNT) {
            throw new CommandError("ERR value is out of range"); // Redis's text when a count cannot be served
        }
        return count;
    }

    /**
     * Indexes into a collection of {@code size} elements: for a positive count distinct ones (all in
     * order when count ≥ size), for a negative count |count| uniform picks; 1 is one random pick.
     */
    public static List<Integer> pick(long count, int size) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<Integer> picks = new ArrayList<>();
        if (size == 0 || count == 0) {
            return picks;
        }
        if (count < 0 || count == 1) {
            long n = Math.abs(count);
            for (long i = 0; i < n; i++) {
                picks.add(random.nextInt(size));
            }
            return picks;
        }
        for (int i = 0; i < size; i++) {
            picks.add(i);
        }
        if (count >= size) {
            return picks;
        }
        Collections.shuffle(picks, random);
        return new ArrayList<>(picks.subList(0, (int) count));
    }
}
