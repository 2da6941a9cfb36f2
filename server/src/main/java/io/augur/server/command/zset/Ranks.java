package io.augur.server.command.zset;

/** Redis's clamping of a start/stop rank pair (negative counts from the end) to a collection's size. */
final class Ranks {

    private Ranks() {
    }

    /** Inclusive [start, end] inside 0..size-1, or null when the range is empty. */
    static int[] clamp(long start, long end, int size) {
        if (start < 0) {
            start += size;
        }
        if (end < 0) {
            end += size;
        }
        if (start < 0) {
            start = 0;
        }
        if (start > end || start >= size) {
            return null;
        }
        if (end >= size) {
            end = size - 1;
        }
        return new int[] {(int) start, (int) end};
    }
}
