package io.augur.server.command.zset;

import io.augur.server.command.collection.Element;
import io.augur.server.store.CollectionCodec;
import io.augur.server.store.StoredValue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A sorted set decoded from its entry: member → score, and the members ordered by score then by
 * member bytes (Redis's order). Stored as member, 8-byte score, … in that order.
 */
final class SortedSetValue {

    /** One member with its score. */
    record Entry(Element member, double score) {
    }

    /** By score, -0 equal to 0 as C compares them (a large set may hold -0, see MemberScores), then by member. */
    static final Comparator<Entry> ORDER = (x, y) -> x.score() != y.score() ? (x.score() < y.score() ? -1 : 1)
            : x.member().compareTo(y.member());

    private final Map<Element, Double> scores = new HashMap<>();
    private List<Entry> sorted;

    static SortedSetValue load(StoredValue stored) {
        SortedSetValue z = new SortedSetValue();
        if (stored != null) {
            List<byte[]> elements = CollectionCodec.decode(stored.value());
            List<Entry> entries = new ArrayList<>(elements.size() / 2);
            for (int i = 0; i + 1 < elements.size(); i += 2) {
                Element member = new Element(elements.get(i));
                double score = ByteBuffer.wrap(elements.get(i + 1)).getDouble();
                z.scores.put(member, score);
                entries.add(new Entry(member, score));
            }
            z.sorted = entries; // stored in order
        }
        return z;
    }

    int size() {
        return scores.size();
    }

    Double score(Element member) {
        return scores.get(member);
    }

    /** Sets a score (adding the member if new); -0 is kept as 0, as Redis replies it. */
    void put(Element member, double score) {
        scores.put(member, score == 0 ? 0.0 : score);
        sorted = null;
    }

    boolean remove(Element member) {
        if (scores.remove(member) == null) {
            return false;
        }
        sorted = null;
        return true;
    }

    /** Members by score, then member bytes. */
    List<Entry> sorted() {
        if (sorted == null) {
            List<Entry> entries = new ArrayList<>(scores.size());
            scores.forEach((m, s) -> entries.add(new Entry(m, s)));
            entries.sort(ORDER);
            sorted = entries;
        }
        return sorted;
    }

    /** The 0-based rank of a member in ascending order, or -1. */
    int rank(Element member) {
        Double score = scores.get(member);
        if (score == null) {
            return -1;
        }
        int index = java.util.Collections.binarySearch(sorted(), new Entry(member, score), ORDER);
        return index < 0 ? -1 : index;
    }

    List<byte[]> encode() {
        List<byte[]> out = new ArrayList<>(scores.size() * 2);
        for (Entry e : sorted()) {
            out.add(e.member().bytes());
            out.add(ByteBuffer.allocate(Double.BYTES).putDouble(e.score()).array());
        }
        return out;
    }
}
