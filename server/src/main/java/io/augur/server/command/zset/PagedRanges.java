package io.augur.server.command.zset;

import io.augur.server.command.Invocation;
import io.augur.server.command.collection.Element;
import io.augur.server.store.StoredValue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Ranks and ranges of a paged sorted set, read through the store's score order: every question
 * becomes an interval of ascending ranks, and only the pages that interval is on are read (a top-10
 * of a 100,000-member leaderboard reads the order's index and one or two pages).
 */
final class PagedRanges {

    private static final byte[] BEFORE_EVERY_MEMBER = new byte[0];

    private PagedRanges() {
    }

    /**
     * Members by rank, score or lex range, in order, with OFFSET/LIMIT: what RangeCommands.select
     * answers from a sorted list; null for a lex range over members of several scores (see {@link #lexRanks}).
     */
    static List<SortedSetValue.Entry> select(Invocation inv, byte[] key, StoredValue paged, RangeCommands.By by,
                                             boolean reverse, long start, long end, ScoreRange scores,
                                             LexRange lex, long offset, long limit) {
        long size = paged.pagedCount();
        if (by == RangeCommands.By.RANK) {
            int[] bounds = Ranks.clamp(start, end, (int) Math.min(size, Integer.MAX_VALUE));
            if (bounds == null) {
                return List.of();
            }
            return reverse ? descending(inv, key, size - 1 - bounds[1], size - 1 - bounds[0])
                    : entries(inv, key, bounds[0], bounds[1]);
        }
        long[] ranks = by == RangeCommands.By.LEX ? lexRanks(inv, key, paged, lex) : scoreRanks(inv, key, scores);
        if (ranks == null) {
            return null;
        }
        long lo = ranks[0];
        long hi = ranks[1] - 1;
        if (offset < 0 || limit == 0 || hi < lo || offset > hi - lo) { // (lo + offset may pass Long.MAX_VALUE)
            return List.of();
        }
        if (reverse) {
            long to = hi - offset;
            long from = limit < 0 ? lo : Math.max(lo, to - limit + 1);
            return to < lo ? List.of() : descending(inv, key, from, to);
        }
        long from = lo + offset;
        long to = limit < 0 || limit > hi - from ? hi : from + limit - 1; // from + limit may pass Long.MAX_VALUE
        return from > hi ? List.of() : entries(inv, key, from, to);
    }

    /** Up to {@code count} members from the lowest ({@code min}) or the highest score, in that order. */
    static List<SortedSetValue.Entry> end(Invocation inv, byte[] key, StoredValue paged, boolean min, long count) {
        long size = paged.pagedCount();
        long n = Math.min(count, size);
        if (n <= 0) {
            return new ArrayList<>();
        }
        return min ? entries(inv, key, 0, n - 1) : descending(inv, key, size - n, size - 1);
    }

    /** Every member in ascending order, read page by page (already sorted: nothing to sort). */
    static List<SortedSetValue.Entry> all(Invocation inv, byte[] key, StoredValue paged) {
        return paged.pagedCount() == 0 ? List.of() : entries(inv, key, 0, paged.pagedCount() - 1);
    }

    /** Ascending ranks [lo, hi) of the members whose scores are in the range. */
    static long[] scoreRanks(Invocation inv, byte[] key, ScoreRange range) {
        long lo = countBelow(inv, key, range.min(), range.minExclusive());
        long hi = countBelow(inv, key, range.max(), !range.maxExclusive());
        return new long[] {lo, Math.max(lo, hi)};
    }

    /*
     * Lex ranges: Redis answers them by walking its skiplist, ordered by score, then member. When
     * every member has the same score (the case lex commands are for) that order is the members'
     * byte order, so a lex bound becomes a rank as a score bound does: the members below (score,
     * bound), plus the bound itself when it is a member on the inclusive side. With several scores,
     * null: the caller filters every member, as before.
     */

    /** Ascending ranks [lo, hi) of the members in a lex range, or null when the members do not all share one score. */
    static long[] lexRanks(Invocation inv, byte[] key, StoredValue paged, LexRange range) {
        long size = paged.pagedCount();
        if (size == 0) {
            return new long[] {0, 0};
        }
        List<byte[]> first = inv.store().sortedRange(key, 0, 0);
        List<byte[]> last = inv.store().sortedRange(key, size - 1, size - 1);
        if (first == null || last == null || first.size() < 2 || last.size() < 2) {
            return null;
        }
        double score = ByteBuffer.wrap(first.get(1)).getDouble();
        if (score != ByteBuffer.wrap(last.get(1)).getDouble()) { // (-0 == 0, as the order has it)
            return null;
        }
        long lo = lexRank(inv, key, score, range.min(), true, size);
        long hi = lexRank(inv, key, score, range.max(), false, size);
        return new long[] {lo, Math.max(lo, hi)};
    }

    /** Where a lex bound falls among members of one score: the first rank in range (min) or past it (max). */
    private static long lexRank(Invocation inv, byte[] key, double score, LexRange.Bound bound, boolean min, long size) {
        if (bound.infinity() != 0) {
            return bound.infinity() < 0 ? 0 : size;
        }
        byte[] value = bound.value().bytes();
        long below = Math.max(0, inv.store().sortedCountBelow(key, score == 0 ? 0.0 : score, value));
        boolean member = inv.store().fieldGet(key, value) != null;
        // The bound itself counts before lo when an exclusive min, and before hi when an inclusive max.
        return below + (member && min == bound.exclusive() ? 1 : 0);
    }

    /** The ascending rank of a member, or -1. */
    static long rank(Invocation inv, byte[] key, Element member) {
        byte[] score = inv.store().fieldGet(key, member.bytes());
        if (score == null) {
            return -1;
        }
        return Math.max(-1, inv.store().sortedCountBelow(key, ByteBuffer.wrap(score).getDouble(), member.bytes()));
    }

    /** Members below a score: before every member of that score, or after every one ({@code afterScore}). */
    private static long countBelow(Invocation inv, byte[] key, double score, boolean afterScore) {
        long n = inv.store().sortedCountBelow(key, score == 0 ? 0.0 : score, afterScore ? null : BEFORE_EVERY_MEMBER);
        return Math.max(0, n);
    }

    private static List<SortedSetValue.Entry> descending(Invocation inv, byte[] key, long from, long to) {
        List<SortedSetValue.Entry> out = entries(inv, key, from, to);
        Collections.reverse(out);
        return out;
    }

    private static List<SortedSetValue.Entry> entries(Invocation inv, byte[] key, long from, long to) {
        List<byte[]> pairs = inv.store().sortedRange(key, from, to);
        List<SortedSetValue.Entry> out = new ArrayList<>(pairs == null ? 0 : pairs.size() / 2);
        if (pairs != null) { // null: it expired after the read that found it
            for (int i = 0; i + 1 < pairs.size(); i += 2) {
                out.add(new SortedSetValue.Entry(new Element(pairs.get(i)), ByteBuffer.wrap(pairs.get(i + 1)).getDouble()));
            }
        }
        return out;
    }
}
