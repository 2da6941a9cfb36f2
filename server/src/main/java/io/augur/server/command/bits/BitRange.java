package io.augur.server.command.bits;

/**
 * The bits BITCOUNT and BITPOS look at: a start/end pair in bytes or bits, negative from the end,
 * clamped to the string as Redis does; empty when start passes end.
 *
 * @param first    first bit in the range
 * @param last     last bit in the range (below {@code first} when empty)
 * @param lastByte the byte holding the range's last bit, as Redis computes it (the end clamped in its unit)
 */
record BitRange(long first, long last, long lastByte) {

    static BitRange whole(int length) {
        return new BitRange(0, (long) length * 8 - 1, length - 1L);
    }

    static BitRange of(int length, long start, long end, boolean bits) {
        long total = bits ? (long) length << 3 : length;
        if (start < 0) {
            start = total + start;
        }
        if (end < 0) {
            end = total + end;
        }
        start = Math.max(0, start);
        end = Math.max(0, end);
        if (end >= total) {
            end = total - 1;
        }
        if (start > end) {
            return new BitRange(1, 0, 0); // empty (and start * 8 below could overflow)
        }
        if (bits) {
            return new BitRange(start, end, end >> 3);
        }
        return new BitRange(start * 8, end * 8 + 7, end);
    }

    boolean empty() {
        return first > last;
    }
}
