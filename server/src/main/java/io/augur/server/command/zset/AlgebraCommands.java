package io.augur.server.command.zset;

import io.augur.server.command.CommandError;
import io.augur.server.command.CommandTable;
import io.augur.server.command.Errors;
import io.augur.server.command.Invocation;
import io.augur.server.command.Numbers;
import io.augur.server.command.collection.CollectionWrites;
import io.augur.server.command.collection.Element;
import io.augur.server.store.CollectionCodec;
import io.augur.server.store.StoredValue;
import io.augur.server.store.ValueType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** ZUNION, ZINTER, ZDIFF (and *STORE) with WEIGHTS and AGGREGATE, and ZINTERCARD; sets count as score 1. */
final class AlgebraCommands {

    enum Op { UNION, INTER, DIFF }

    enum Aggregate { SUM, MIN, MAX }

    private AlgebraCommands() {
    }

    static void register(CommandTable t) {
        t.command("zunion", -3).flags("readonly").keys(0, 0, 0)
                .doc("sorted-set", "6.2.0", "Returns the union of multiple sorted sets.").run(inv -> combine(inv, Op.UNION, false));
        t.command("zinter", -3).flags("readonly").keys(0, 0, 0)
                .doc("sorted-set", "6.2.0", "Returns the intersect of multiple sorted sets.").run(inv -> combine(inv, Op.INTER, false));
        t.command("zdiff", -3).flags("readonly").keys(0, 0, 0)
                .doc("sorted-set", "6.2.0", "Returns the difference between multiple sorted sets.").run(inv -> combine(inv, Op.DIFF, false));
        t.command("zunionstore", -4).flags("write", "denyoom").keys(1, 1, 1)
                .doc("sorted-set", "2.0.0", "Stores the union of multiple sorted sets in a key.").run(inv -> combine(inv, Op.UNION, true));
        t.command("zinterstore", -4).flags("write", "denyoom").keys(1, 1, 1)
                .doc("sorted-set", "2.0.0", "Stores the intersect of multiple sorted sets in a key.").run(inv -> combine(inv, Op.INTER, true));
        t.command("zdiffstore", -4).flags("write", "denyoom").keys(1, 1, 1)
                .doc("sorted-set", "6.2.0", "Stores the difference of multiple sorted sets in a key.").run(inv -> combine(inv, Op.DIFF, true));
        t.command("zintercard", -3).flags("readonly").keys(0, 0, 0)
                .doc("sorted-set", "7.0.0", "Returns the number of members of the intersect of multiple sorted sets.")
                .run(AlgebraCommands::zintercard);
    }

    /** Redis's zunionInterDiffGenericCommand. */
    private static void combine(Invocation inv, Op op, boolean store) {
        int numkeysIndex = store ? 2 : 1;
        long setnum = inv.argLong(numkeysIndex);
        if (setnum < 1) {
            throw new CommandError("ERR at least 1 input key is needed for '" + inv.argLower(0) + "' command");
        }
        if (setnum > inv.argc() - (numkeysIndex + 1)) {
            throw new CommandError(Errors.SYNTAX);
        }
        List<Map<Element, Double>> inputs = new ArrayList<>();
        int j = numkeysIndex + 1;
        for (int i = 0; i < setnum; i++, j++) {
            inputs.add(input(inv, inv.arg(j), store));
        }
        double[] weights = new double[(int) setnum];
        java.util.Arrays.fill(weights, 1.0);
        Aggregate aggregate = Aggregate.SUM;
        boolean withScores = false;
        while (j < inv.argc()) {
            int remaining = inv.argc() - j;
            String option = inv.argLower(j);
            if (op != Op.DIFF && remaining >= setnum + 1 && option.equals("weights")) {
                j++;
                for (int i = 0; i < setnum; i++, j++) {
                    weights[i] = Scores.parse(inv.arg(j), "ERR weight value is not a float");
                }
            } else if (op != Op.DIFF && remaining >= 2 && option.equals("aggregate")) {
                aggregate = switch (inv.argLower(j + 1)) {
                    case "sum" -> Aggregate.SUM;
                    case "min" -> Aggregate.MIN;
                    case "max" -> Aggregate.MAX;
                    default -> throw new CommandError(Errors.SYNTAX);
                };
                j += 2;
            } else if (!store && option.equals("withscores")) {
                withScores = true;
                j++;
            } else {
                throw new CommandError(Errors.SYNTAX);
            }
        }
        SortedSetValue result = compute(op, inputs, weights, aggregate);
        if (store) {
            CollectionWrites.replace(inv, inv.arg(1), ValueType.ZSET, result.encode(),
                    "z" + op.name().toLowerCase(java.util.Locale.ROOT) + "store");
            inv.reply().integer(result.size());
        } else {
            Scores.replyEntries(inv.reply(), result.sorted(), withScores, true);
        }
    }

    /** A source key as member → score: a sorted set, a set (every score 1) or absent (empty); WRONGTYPE otherwise. */
    private static Map<Element, Double> input(Invocation inv, byte[] key, boolean store) {
        StoredValue v = store ? inv.store().peek(key) : inv.read(key);
        Map<Element, Double> out = new LinkedHashMap<>();
        if (v == null) {
            return out;
        }
        if (v.is(ValueType.ZSET)) {
            SortedSetValue.load(v).sorted().forEach(e -> out.put(e.member(), e.score()));
        } else if (v.is(ValueType.SET)) {
            CollectionCodec.decode(v.value()).forEach(m -> out.put(new Element(m), 1.0));
        } else {
            throw new CommandError(Errors.WRONGTYPE);
        }
        return out;
    }

    static SortedSetValue compute(Op op, List<Map<Element, Double>> inputs, double[] weights, Aggregate aggregate) {
        SortedSetValue result = new SortedSetValue();
        switch (op) {
            case UNION -> {
                Map<Element, Double> acc = new LinkedHashMap<>();
                for (int i = 0; i < inputs.size(); i++) {
                    for (Map.Entry<Element, Double> e : inputs.get(i).entrySet()) {
                        double value = weighted(e.getValue(), weights[i]);
                        acc.merge(e.getKey(), value, (a, b) -> aggregate(aggregate, a, b));
                    }
                }
                acc.forEach(result::put);
            }
            case INTER -> {
                // Walk the smallest input, as Redis does; scores aggregate in key order.
                Map<Element, Double> smallest = inputs.stream().min(Comparator.comparingInt(Map::size)).orElseThrow();
                for (Element member : smallest.keySet()) {
                    Double acc = null;
                    boolean everywhere = true;
                    for (int i = 0; i < inputs.size() && everywhere; i++) {
                        Double score = inputs.get(i).get(member);
                        if (score == null) {
                            everywhere = false;
                        } else {
                            double value = weighted(score, weights[i]);
                            acc = acc == null ? value : aggregate(aggregate, acc, value);
                        }
                    }
                    if (everywhere) {
                        result.put(member, acc);
                    }
                }
            }
            case DIFF -> {
                for (Map.Entry<Element, Double> e : inputs.get(0).entrySet()) {
                    boolean elsewhere = false;
                    for (int i = 1; i < inputs.size() && !elsewhere; i++) {
                        elsewhere = inputs.get(i).containsKey(e.getKey());
                    }
                    if (!elsewhere) {
                        result.put(e.getKey(), e.getValue());
                    }
                }
            }
        }
        return result;
    }

    /** inf × 0 is NaN; Redis makes it 0. */
    private static double weighted(double score, double weight) {
        double value = score * weight;
        return Double.isNaN(value) ? 0 : value;
    }

    private static double aggregate(Aggregate aggregate, double a, double b) {
        return switch (aggregate) {
            case SUM -> {
                double sum = a + b;
                yield Double.isNaN(sum) ? 0 : sum; // inf + -inf, as Redis
            }
            case MIN -> Math.min(a, b);
            case MAX -> Math.max(a, b);
        };
    }

    private static void zintercard(Invocation inv) {
        long numkeys = inv.argLong(1);
        if (numkeys < 1) {
            throw new CommandError("ERR at least 1 input key is needed for 'zintercard' command");
        }
        if (numkeys > inv.argc() - 2) {
            throw new CommandError(Errors.SYNTAX); // unlike SINTERCARD's text
        }
        long limit = 0;
        for (int i = 2 + (int) numkeys; i < inv.argc(); i++) {
            if (inv.argLower(i).equals("limit") && i + 1 < inv.argc()) {
                limit = Numbers.parseLong(inv.arg(++i), "ERR LIMIT can't be negative");
                if (limit < 0) {
                    throw new CommandError("ERR LIMIT can't be negative");
                }
            } else {
                throw new CommandError(Errors.SYNTAX);
            }
        }
        List<Map<Element, Double>> inputs = new ArrayList<>();
        for (int i = 2; i < 2 + numkeys; i++) {
            inputs.add(input(inv, inv.arg(i), false));
        }
        long count = compute(Op.INTER, inputs, new double[inputs.size()], Aggregate.SUM).size();
        inv.reply().integer(limit > 0 ? Math.min(limit, count) : count);
    }
}
