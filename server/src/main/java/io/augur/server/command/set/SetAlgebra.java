package io.augur.server.command.set;

import io.augur.server.command.collection.Element;

import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/** Intersection, union and difference of sets; an absent key is an empty set. */
final class SetAlgebra {

    enum Op {
        INTER, UNION, DIFF;

        /** The keyspace event of the *STORE form ("sinterstore", ...). */
        String storeEvent() {
            return "s" + name().toLowerCase(java.util.Locale.ROOT) + "store";
        }
    }

    private SetAlgebra() {
    }

    /** The result, in the order of the set it was drawn from; {@code limit} > 0 stops an intersection early. */
    static LinkedHashSet<Element> apply(Op op, List<LinkedHashSet<Element>> sets, long limit) {
        LinkedHashSet<Element> result = new LinkedHashSet<>();
        switch (op) {
            case INTER -> {
                // Walk the smallest set and probe the others, as Redis does (its order for the reply).
                LinkedHashSet<Element> smallest = sets.stream().min(Comparator.comparingInt(LinkedHashSet::size)).orElseThrow();
                for (Element e : smallest) {
                    if (sets.stream().allMatch(s -> s.contains(e))) {
                        result.add(e);
                        if (limit > 0 && result.size() >= limit) {
                            break;
                        }
                    }
                }
            }
            case UNION -> sets.forEach(result::addAll);
            case DIFF -> {
                result.addAll(sets.get(0));
                for (int i = 1; i < sets.size() && !result.isEmpty(); i++) {
                    result.removeAll(sets.get(i));
                }
            }
        }
        return result;
    }
}
