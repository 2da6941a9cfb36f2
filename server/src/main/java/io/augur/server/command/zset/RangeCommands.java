package io.augur.server.command.zset;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.collection.CollectionWrites;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** ZRANGE in all its forms (BYSCORE, BYLEX, REV, LIMIT, WITHSCORES), its older names, and ZRANGESTORE. */
final class RangeCommands {

    enum By { AUTO, RANK, SCORE, LEX }

    private RangeCommands() {
    }

    static void register(CommandTable t) {
        t.command("zrange", -4).flags("readonly").keys(1, 1, 1)
                .doc("sorted-set", "1.2.0", "Returns members in a sorted set within a range of indexes.")
                .run(inv -> range(inv, 1, false, By.AUTO, false));
        t.command("zrangestore", -5).flags("write", "denyoom").keys(1, 2, 1)
                .doc("sorted-set", "6.2.0", "Stores a range of members from sorted set in a key.")
                .run(inv -> range(inv, 2, true, By.AUTO, false));
        t.command("zrevrange", -4).flags("readonly").keys(1, 1, 1)
                .doc("sorted-set", "1.2.0", "Returns members in a sorted set within a range of indexes in reverse order.")
                .run(inv -> range(inv, 1, false, By.RANK, true));
        t.command("zrangebyscore", -4).flags("readonly").keys(1, 1, 1)
                .doc("sorted-set", "1.0.5", "Returns members in a sorted set within a range of scores.")
                .run(inv -> range(inv, 1, false, By.SCORE, false));
        t.command("zrevrangebyscore", -4).flags("readonly").keys(1, 1, 1)
                .doc("sorted-set", "2.2.0", "Returns members in a sorted set within a range of scores in reverse order.")
                .run(inv -> range(inv, 1, false, By.SCORE, true));
        t.command("zrangebylex", -4).flags("readonly").keys(1, 1, 1)
                .doc("sorted-set", "2.8.9", "Returns members in a sorted set within a lexicographical range.")
                .run(inv -> range(inv, 1, false, By.LEX, false));
        t.command("zrevrangebylex", -4).flags("readonly").keys(1, 1, 1)
                .doc("sorted-set", "2.8.9", "Returns members in a sorted set within a lexicographical range in reverse order.")
                .run(inv -> range(inv, 1, false, By.LEX, true));
    }

    /**
     * Redis's zrangeGenericCommand: {@code keyIndex} is the source key; {@code by}/{@code rev} are
     * fixed by the older command names (AUTO: read from the options).
     */
    private static void range(Invocation inv, int keyIndex, boolean store, By by, boolean rev) {
        boolean fixed = by != By.AUTO;
        boolean withScores = false;
        long offset = 0;
        long limit = -1;
        boolean limitGiven = false;
        boolean reverse = rev;
        boolean revGiven = fixed;
        for (int j = keyIndex + 3; j < inv.argc(); j++) {
            String option = inv.argLower(j);
            int left = inv.argc() - j - 1;
            if (!store && option.equals("withscores")) {
                withScores = true;
            } else if (option.equals("limit") && left >= 2) {
                offset = inv.argLong(j + 1);
                limit = inv.argLong(j + 2);
                limitGiven = true;
                j += 2;
            } else if (!revGiven && option.equals("rev")) {
                reverse = true;
                revGiven = true;
            } else if (by == By.AUTO && option.equals("bylex")) {
                by = By.LEX;
            } else if (by == By.AUTO && option.equals("byscore")) {
                by = By.SCORE;
            } else {
                throw new CommandError(Errors.SYNTAX);
            }
        }
        if (by == By.AUTO) {
            by = By.RANK;
        }
        if (limitGiven && by == By.RANK) {
            throw new CommandError("ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX");
        }
        if (withScores && by == By.LEX) {
            throw new CommandError("ERR syntax error, WITHSCORES not supported in combination with BYLEX");
        }
        int minIndex = keyIndex + 1;
        int maxIndex = keyIndex + 2;
        if (reverse && by != By.RANK) { // the range is given as max, min
            minIndex = keyIndex + 2;
            maxIndex = keyIndex + 1;
        }
        long start = 0;
        long end = 0;
        ScoreRange scores = null;
        LexRange lex = null;
        switch (by) {
            case SCORE -> scores = ScoreRange.parse(inv.arg(minIndex), inv.arg(maxIndex));
            case LEX -> lex = LexRange.parse(inv.arg(minIndex), inv.arg(maxIndex));
            default -> {
                start = inv.argLong(minIndex);
                end = inv.argLong(maxIndex);
            }
        }
        byte[] key = inv.arg(keyIndex);
        StoredValue stored = store ? inv.shallowPeek(key, ValueType.ZSET) : inv.shallowRead(key, ValueType.ZSET);
        List<SortedSetValue.Entry> result = stored == null ? List.of() : stored.paged() // only the pages the range is on
                ? PagedRanges.select(inv, key, stored, by, reverse, start, end, scores, lex, offset, limit) : null;
        if (result == null) {
            result = select(ascending(inv, key, stored), by, reverse, start, end, scores, lex, offset, limit);
        }
        if (store) {
            SortedSetValue out = new SortedSetValue();
            result.forEach(e -> out.put(e.member(), e.score()));
            CollectionWrites.replace(inv, inv.arg(1), ValueType.ZSET, out.encode(), "zrangestore");
            inv.reply().integer(result.size());
        } else {
            Scores.replyEntries(inv.reply(), result, withScores, true);
        }
    }

    /** Every member in ascending order: a compact set decoded, a paged one read in its stored order. */
    static List<SortedSetValue.Entry> ascending(Invocation inv, byte[] key, StoredValue shallow) {
        return shallow.paged() ? PagedRanges.all(inv, key, shallow) : SortedSetValue.load(shallow).sorted();
    }

    static List<SortedSetValue.Entry> select(List<SortedSetValue.Entry> ascending, By by, boolean reverse, long start,
                                             long end, ScoreRange scores, LexRange lex, long offset, long limit) {
        List<SortedSetValue.Entry> ordered = ascending;
        if (reverse) {
            ordered = new ArrayList<>(ascending);
            Collections.reverse(ordered);
        }
        if (by == By.RANK) {
            int[] bounds = Ranks.clamp(start, end, ordered.size());
            return bounds == null ? List.of() : ordered.subList(bounds[0], bounds[1] + 1);
        }
        List<SortedSetValue.Entry> out = new ArrayList<>();
        if (offset < 0 || limit == 0) {
            return out;
        }
        long skip = offset;
        for (SortedSetValue.Entry e : ordered) {
            boolean in = by == By.SCORE ? scores.contains(e.score()) : lex.contains(e.member());
            if (!in) {
                continue;
            }
            if (skip > 0) {
                skip--;
                continue;
            }
            out.add(e);
            if (limit > 0 && out.size() >= limit) {
                break;
            }
        }
        return out;
    }

}
