package io.augur.server.command.zset;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.collection.CollectionWrites;
import io.augur.server.command.collection.Element;
import io.augur.server.command.collection.ElementScan;
import io.augur.server.command.collection.RandomCount;
import io.augur.server.command.collection.RandomDraw;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/** The sorted set family: ZADD and ZINCRBY, lookups, counts, ranks, removals, ZRANDMEMBER, ZSCAN. */
public final class SortedSetCommands {

    static final String NAN_SCORE = "ERR resulting score is not a number (NaN)";

    private SortedSetCommands() {
    }

    public static void register(CommandTable t) {
        t.command("zadd", -4).flags("write", "denyoom", "fast").keys(1, 1, 1)
                .doc("sorted-set", "1.2.0", "Adds one or more members to a sorted set, or updates their scores. Creates the key if it doesn't exist.")
                .run(SortedSetCommands::zadd);
        t.command("zincrby", 4).flags("write", "denyoom", "fast").keys(1, 1, 1)
                .doc("sorted-set", "1.2.0", "Increments the score of a member in a sorted set.").run(SortedSetCommands::zincrby);
        t.command("zscore", 3).flags("readonly", "fast").keys(1, 1, 1)
                .doc("sorted-set", "1.2.0", "Returns the score of a member in a sorted set.").run(SortedSetCommands::zscore);
        t.command("zmscore", -3).flags("readonly", "fast").keys(1, 1, 1)
                .doc("sorted-set", "6.2.0", "Returns the score of one or more members in a sorted set.").run(SortedSetCommands::zmscore);
        t.command("zcard", 2).flags("readonly", "fast").keys(1, 1, 1)
                .doc("sorted-set", "1.2.0", "Returns the number of members in a sorted set.").run(SortedSetCommands::zcard);
        t.command("zcount", 4).flags("readonly", "fast").keys(1, 1, 1)
                .doc("sorted-set", "2.0.0", "Returns the count of members in a sorted set that have scores within a range.")
                .run(SortedSetCommands::zcount);
        t.command("zlexcount", 4).flags("readonly", "fast").keys(1, 1, 1)
                .doc("sorted-set", "2.8.9", "Returns the number of members in a sorted set within a lexicographical range.")
                .run(SortedSetCommands::zlexcount);
        t.command("zrank", 3).flags("readonly", "fast").keys(1, 1, 1)
                .doc("sorted-set", "2.0.0", "Returns the index of a member in a sorted set ordered by ascending scores.")
                .run(inv -> zrank(inv, false));
        t.command("zrevrank", 3).flags("readonly", "fast").keys(1, 1, 1)
                .doc("sorted-set", "2.0.0", "Returns the index of a member in a sorted set ordered by descending scores.")
                .run(inv -> zrank(inv, true));
        t.command("zrem", -3).flags("write", "fast").keys(1, 1, 1)
                .doc("sorted-set", "1.2.0", "Removes one or more members from a sorted set. Deletes the sorted set if all members were removed.")
                .run(SortedSetCommands::zrem);
        t.command("zremrangebyrank", 4).flags("write").keys(1, 1, 1)
                .doc("sorted-set", "2.0.0", "Removes members in a sorted set within a range of indexes. Deletes the sorted set if all members were removed.")
                .run(inv -> zremrange(inv, RangeCommands.By.RANK));
        t.command("zremrangebyscore", 4).flags("write").keys(1, 1, 1)
                .doc("sorted-set", "1.2.0", "Removes members in a sorted set within a range of scores. Deletes the sorted set if all members were removed.")
                .run(inv -> zremrange(inv, RangeCommands.By.SCORE));
        t.command("zremrangebylex", 4).flags("write").keys(1, 1, 1)
                .doc("sorted-set", "2.8.9", "Removes members in a sorted set within a lexicographical range. Deletes the sorted set if all members were removed.")
                .run(inv -> zremrange(inv, RangeCommands.By.LEX));
        t.command("zrandmember", -2).flags("readonly").keys(1, 1, 1)
                .doc("sorted-set", "6.2.0", "Returns one or more random members from a sorted set.").run(SortedSetCommands::zrandmember);
        t.command("zscan", -3).flags("readonly").keys(1, 1, 1)
                .doc("sorted-set", "2.8.0", "Iterates over members and scores of a sorted set.").run(SortedSetCommands::zscan);
        RangeCommands.register(t);
        PopCommands.register(t);
        AlgebraCommands.register(t);
    }

    /** A counted read of a few members: a paged sorted set is not assembled. */
    private static MemberScores readScores(Invocation inv, byte[] key) {
        return MemberScores.open(inv, key, inv.shallowRead(key, ValueType.ZSET));
    }

    private static void zadd(Invocation inv) {
        boolean nx = false;
        boolean xx = false;
        boolean gt = false;
        boolean lt = false;
        boolean ch = false;
        boolean incr = false;
        int i = 2;
        for (; i < inv.argc() && isFlag(inv.argLower(i)); i++) {
            switch (inv.argLower(i)) {
                case "nx" -> nx = true;
                case "xx" -> xx = true;
                case "gt" -> gt = true;
                case "lt" -> lt = true;
                case "ch" -> ch = true;
                default -> incr = true;
            }
        }
        int elements = inv.argc() - i;
        if (elements == 0 || elements % 2 != 0) {
            throw new CommandError(Errors.SYNTAX);
        }
        if (nx && xx) {
            throw new CommandError("ERR XX and NX options at the same time are not compatible");
        }
        if (gt && nx || lt && nx || gt && lt) {
            throw new CommandError("ERR GT, LT, and/or NX options at the same time are not compatible");
        }
        if (incr && elements > 2) {
            throw new CommandError("ERR INCR option supports a single increment-element pair");
        }
        double[] scores = new double[elements / 2];
        for (int p = 0; p < scores.length; p++) {
            scores[p] = Scores.parse(inv.arg(i + 2 * p));
        }
        byte[] key = inv.arg(1);
        MemberScores z = MemberScores.open(inv, key, inv.shallowPeek(key, ValueType.ZSET));
        int added = 0;
        int changed = 0;
        Double incrResult = null;
        for (int p = 0; p < scores.length; p++) {
            Element member = new Element(inv.arg(i + 2 * p + 1));
            Double current = z.score(member);
            double score = scores[p];
            if (current == null) {
                if (xx) {
                    continue;
                }
                z.put(member, score);
                added++;
                incrResult = score;
                continue;
            }
            if (nx) {
                continue;
            }
            if (incr) {
                score = current + score;
                if (Double.isNaN(score)) {
                    throw new CommandError(NAN_SCORE);
                }
            }
            if (lt && score >= current || gt && score <= current) {
                continue;
            }
            incrResult = score;
            if (score != current) {
                z.put(member, score);
                changed++;
            }
        }
        z.save(incr ? "zincr" : "zadd");
        if (incr) {
            if (incrResult == null) {
                inv.reply().nullBulk();
            } else {
                ScoreFormat.reply(inv.reply(), incrResult);
            }
        } else {
            inv.reply().integer(ch ? added + changed : added);
        }
    }

    private static boolean isFlag(String option) {
        return switch (option) {
            case "nx", "xx", "gt", "lt", "ch", "incr" -> true;
            default -> false;
        };
    }

    private static void zincrby(Invocation inv) {
        double by = Scores.parse(inv.arg(2));
        byte[] key = inv.arg(1);
        MemberScores z = MemberScores.open(inv, key, inv.shallowPeek(key, ValueType.ZSET));
        Element member = new Element(inv.arg(3));
        Double current = z.score(member);
        double score = current == null ? by : current + by;
        if (Double.isNaN(score)) {
            throw new CommandError(NAN_SCORE);
        }
        z.put(member, current != null && score == current ? current : score); // Redis's zsetAdd: -0 + 0 leaves -0 stored
        z.save("zincr");
        ScoreFormat.reply(inv.reply(), score);
    }

    private static void zscore(Invocation inv) {
        Double score = readScores(inv, inv.arg(1)).score(new Element(inv.arg(2)));
        if (score == null) {
            inv.reply().nullBulk();
        } else {
            ScoreFormat.reply(inv.reply(), score);
        }
    }

    private static void zmscore(Invocation inv) {
        MemberScores z = readScores(inv, inv.arg(1));
        inv.reply().array(inv.argc() - 2);
        for (int i = 2; i < inv.argc(); i++) {
            Double score = z.score(new Element(inv.arg(i)));
            if (score == null) {
                inv.reply().nullBulk();
            } else {
                ScoreFormat.reply(inv.reply(), score);
            }
        }
    }

    private static void zcard(Invocation inv) {
        inv.reply().integer(readScores(inv, inv.arg(1)).size());
    }

    private static void zcount(Invocation inv) {
        ScoreRange range = ScoreRange.parse(inv.arg(2), inv.arg(3));
        StoredValue stored = inv.shallowRead(inv.arg(1), ValueType.ZSET);
        if (stored != null && stored.paged()) {
            long[] ranks = PagedRanges.scoreRanks(inv, inv.arg(1), range);
            inv.reply().integer(ranks[1] - ranks[0]);
            return;
        }
        inv.reply().integer(SortedSetValue.load(stored).sorted().stream().filter(e -> range.contains(e.score())).count());
    }

    private static void zlexcount(Invocation inv) {
        LexRange range = LexRange.parse(inv.arg(2), inv.arg(3));
        StoredValue stored = inv.shallowRead(inv.arg(1), ValueType.ZSET);
        long[] ranks = stored != null && stored.paged() ? PagedRanges.lexRanks(inv, inv.arg(1), stored, range) : null;
        if (ranks != null) { // a large set of one score: two ranks from the score order
            inv.reply().integer(ranks[1] - ranks[0]);
            return;
        }
        List<SortedSetValue.Entry> members = stored == null ? List.of() : RangeCommands.ascending(inv, inv.arg(1), stored);
        inv.reply().integer(members.stream().filter(e -> range.contains(e.member())).count());
    }

    private static void zrank(Invocation inv, boolean reverse) {
        StoredValue stored = inv.shallowRead(inv.arg(1), ValueType.ZSET);
        if (stored != null && stored.paged()) {
            long rank = PagedRanges.rank(inv, inv.arg(1), new Element(inv.arg(2)));
            if (rank < 0) {
                inv.reply().nullBulk();
            } else {
                inv.reply().integer(reverse ? stored.pagedCount() - 1 - rank : rank);
            }
            return;
        }
        SortedSetValue z = SortedSetValue.load(stored);
        int rank = z.rank(new Element(inv.arg(2)));
        if (rank < 0) {
            inv.reply().nullBulk();
        } else {
            inv.reply().integer(reverse ? z.size() - 1 - rank : rank);
        }
    }

    private static void zrem(Invocation inv) {
        byte[] key = inv.arg(1);
        MemberScores z = MemberScores.open(inv, key, inv.shallowPeek(key, ValueType.ZSET));
        int removed = 0;
        for (int i = 2; i < inv.argc(); i++) {
            if (z.remove(new Element(inv.arg(i)))) {
                removed++;
            }
        }
        z.save("zrem");
        inv.reply().integer(removed);
    }

    private static void zremrange(Invocation inv, RangeCommands.By by) {
        long start = 0;
        long end = 0;
        ScoreRange scores = null;
        LexRange lex = null;
        switch (by) {
            case SCORE -> scores = ScoreRange.parse(inv.arg(2), inv.arg(3));
            case LEX -> lex = LexRange.parse(inv.arg(2), inv.arg(3));
            default -> {
                start = inv.argLong(2);
                end = inv.argLong(3);
            }
        }
        byte[] key = inv.arg(1);
        String event = "zremrangeby" + by.name().toLowerCase(java.util.Locale.ROOT);
        StoredValue old = inv.shallowPeek(key, ValueType.ZSET);
        if (old == null) {
            inv.reply().integer(0);
            return;
        }
        if (old.paged()) { // a large set: the doomed members found through the score order, removed one by one
            List<SortedSetValue.Entry> doomed = PagedRanges.select(inv, key, old, by, false, start, end, scores, lex, 0, -1);
            if (doomed == null) { // a lex range over several scores: every member filtered
                doomed = RangeCommands.select(PagedRanges.all(inv, key, old), by, false, 0, 0, null, lex, 0, -1);
            }
            MemberScores.removeAll(inv, key, old, doomed, event);
            inv.reply().integer(doomed.size());
            return;
        }
        SortedSetValue z = SortedSetValue.load(old);
        List<SortedSetValue.Entry> doomed = new ArrayList<>(
                RangeCommands.select(z.sorted(), by, false, start, end, scores, lex, 0, -1));
        doomed.forEach(e -> z.remove(e.member()));
        if (!doomed.isEmpty()) {
            CollectionWrites.store(inv, key, ValueType.ZSET, z.encode(), old, event);
        }
        inv.reply().integer(doomed.size());
    }

    private static void zrandmember(Invocation inv) {
        if (inv.argc() == 2) {
            List<SortedSetValue.Entry> picked = randomEntries(inv, 1);
            inv.reply().bulk(picked.isEmpty() ? null : picked.get(0).member().bytes());
            return;
        }
        long count = RandomCount.parse(inv, 2);
        boolean withScores = false;
        if (inv.argc() == 4 && inv.argLower(3).equals("withscores")) {
            withScores = true;
        } else if (inv.argc() > 3) {
            throw new CommandError(Errors.SYNTAX);
        }
        Scores.replyEntries(inv.reply(), randomEntries(inv, count), withScores, true);
    }

    /** ZRANDMEMBER's picks: drawn from a large set's pages, else from the whole set. */
    private static List<SortedSetValue.Entry> randomEntries(Invocation inv, long count) {
        StoredValue shallow = inv.shallowRead(inv.arg(1), ValueType.ZSET);
        List<byte[]> drawn = RandomDraw.pairs(inv, inv.arg(1), shallow, count);
        List<SortedSetValue.Entry> picked = new ArrayList<>();
        if (drawn != null) { // a large sorted set
            for (int i = 0; i < drawn.size(); i += 2) {
                picked.add(new SortedSetValue.Entry(new Element(drawn.get(i)), ByteBuffer.wrap(drawn.get(i + 1)).getDouble()));
            }
            return picked;
        }
        List<SortedSetValue.Entry> entries =
                new ArrayList<>(SortedSetValue.load(RandomDraw.whole(inv, inv.arg(1), ValueType.ZSET, shallow)).sorted());
        if (count >= entries.size()) {
            Collections.reverse(entries); // Redis 7.0 answers the whole set from the highest score down
        }
        for (int i : RandomCount.pick(count, entries.size())) {
            picked.add(entries.get(i));
        }
        return picked;
    }

    private static void zscan(Invocation inv) {
        ElementScan.checkCursor(inv);
        StoredValue stored = inv.read(inv.arg(1), ValueType.ZSET);
        if (stored == null) {
            ElementScan.replyEmpty(inv);
            return;
        }
        Predicate<byte[]> match = ElementScan.matcher(inv);
        List<byte[]> found = new ArrayList<>();
        for (SortedSetValue.Entry e : SortedSetValue.load(stored).sorted()) {
            if (match.test(e.member().bytes())) {
                found.add(e.member().bytes());
                found.add(ScoreFormat.bytes(e.score()));
            }
        }
        ElementScan.reply(inv, found);
    }
}
