package io.augur.server.store;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The score order of a paged sorted set: its members in pages sorted by (score, member bytes), found
 * through one index entry that holds each page's lower bound and count. A range read touches only
 * the index and the pages its ranks are on; an update rewrites one page and the index. Nothing
 * sorts the whole set.
 */
final class SortedPages {

    /*
     * Entries, at PageKeys(id, negative index) beside the hash buckets' 0..n-1:
     *   the bounds, at BOUNDS: a version, the next free page index, then per page in order its
     *     index and its lower bound (score, member prefix). Page i holds the members in
     *     [bound i, bound i+1); bound 0 is (-inf, ""), below every member. Rewritten only when
     *     pages split, leave or change bounds.
     *   the counts, at COUNTS: the bounds' version, then each page's member count in one byte.
     *     Rewritten by every insert and removal: a few hundred bytes where the bounds are kilobytes.
     *     A reader that has the bounds of that version decoded need not read them again.
     *   the pages: member, 8-byte score pairs in ascending order (the compact form's encoding).
     * The hash buckets stay the truth of which members a set holds and their scores; this order is
     * derived from them. It changes in the same command as the bucket and, after an unclean stop,
     * is rebuilt from the buckets (PagedCollections.recover), so a crash between the two writes never
     * leaves them disagreeing.
     *
     * A bound is the shortest key between the two pages' neighbours (the right page's score with an
     * empty member when the scores differ, else the shortest prefix of the right member above the
     * left one), so the index stays small: about 12 bytes per page for distinct scores.
     */

    static final int BOUNDS = -1;
    static final int COUNTS = -2;
    private static final int FIRST_PAGE = -3;
    /** A page splits in two past this many members (Redis's zset listpack limit). */
    static final int PAGE_ELEMENTS = 128;
    /** ... or past this many bytes, unless it holds one member. */
    static final int PAGE_BYTES = 4096;
    /** A page built whole is filled to this many members, so the next inserts do not split it at once. */
    private static final int FILL_ELEMENTS = 96;
    private static final byte[] NOTHING = new byte[0];

    /** A score and member bytes; {@code member == null}: after every member of that score. */
    record Key(double score, byte[] member) {
        static Key before(double score) {
            return new Key(score, NOTHING);
        }
    }

    /** What a change did to the collection's page entries: their bytes and how many there are. */
    record Change(long bytes, int entries) {
        static final Change NONE = new Change(0, 0);
    }

    /** Writes a page entry; returns its entry bytes. */
    interface PageWriter {
        long write(byte[] pageKey, byte[] page);
    }

    /** Bounds decoded lately, by collection id; at most this many. */
    private static final int DECODED_INDEXES = 16;

    private final EntryMap map;
    private final PageWriter writer;
    /**
     * The last bounds read or written, by collection id, with their version: a read whose counts
     * name that version takes a copy instead of reading and decoding the bounds again (the bounds
     * of a 100,000-member set are about 10 KB; decoding them was most of a top-10 read).
     */
    private final ConcurrentHashMap<Long, Index> decoded = new ConcurrentHashMap<>();

    SortedPages(EntryMap map, PageWriter writer) {
        this.map = map;
        this.writer = writer;
    }

    // ---- whole ----

    /** Writes the order of members given as ascending member, score pairs; the entries it wrote. */
    Change build(long id, List<byte[]> ascending) {
        Index index = new Index();
        long bytes = 0;
        int next = FIRST_PAGE;
        List<byte[]> previous = null;
        List<byte[]> current = new ArrayList<>();
        long currentBytes = 1;
        for (int i = 0; i < ascending.size(); i += 2) {
            long size = pairBytes(ascending.get(i), ascending.get(i + 1));
            if (!current.isEmpty() && (current.size() / 2 >= FILL_ELEMENTS || currentBytes + size > PAGE_BYTES * 3 / 4)) {
                bytes += flush(id, index, next--, previous, current);
                previous = current;
                current = new ArrayList<>();
                currentBytes = 1;
            }
            current.add(ascending.get(i));
            current.add(ascending.get(i + 1));
            currentBytes += size;
        }
        if (!current.isEmpty()) {
            bytes += flush(id, index, next--, previous, current);
        }
        index.nextFree = next;
        bytes += rewriteIndex(id, index);
        return new Change(bytes, index.size + 2);
    }

    /** Writes a built page after {@code previous} (null: the first) and names it in the index. */
    private long flush(long id, Index index, int storage, List<byte[]> previous, List<byte[]> pairs) {
        Key bound = previous == null ? Key.before(Double.NEGATIVE_INFINITY)
                : between(lastKey(previous), new Key(score(pairs.get(1)), pairs.get(0)));
        index.add(index.size, storage, pairs.size() / 2, bound);
        return writer.write(PageKeys.of(id, storage), CollectionCodec.encode(pairs));
    }

    /** Every member, score pair in ascending order. */
    List<byte[]> ascending(long id) {
        Index index = read(id);
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < index.size; i++) {
            out.addAll(page(id, index.storage[i]));
        }
        return out;
    }

    /** Removes the index and every page it names. */
    void removeAll(long id) {
        byte[] raw = map.readRaw(PageKeys.of(id, BOUNDS));
        if (raw == null) {
            return;
        }
        Index index = Index.decodeBounds(raw);
        for (int i = 0; i < index.size; i++) {
            map.remove(PageKeys.of(id, index.storage[i]));
        }
        map.remove(PageKeys.of(id, BOUNDS));
        map.remove(PageKeys.of(id, COUNTS));
        decoded.remove(id);
    }

    /** The page indexes the order uses (its bounds', counts' and pages'), or none when it has none. */
    int[] entryIndexes(long id) {
        byte[] raw = map.readRaw(PageKeys.of(id, BOUNDS));
        if (raw == null) {
            return new int[0];
        }
        Index index = Index.decodeBounds(raw);
        int[] out = Arrays.copyOf(index.storage, index.size + 2);
        out[index.size] = BOUNDS;
        out[index.size + 1] = COUNTS;
        return out;
    }

    // ---- reads ----

    /** How many members sort below {@code key}. */
    long countBelow(long id, Key key) {
        Index index = read(id);
        if (index.size == 0) {
            return 0;
        }
        int at = index.pageOf(key);
        long below = 0;
        for (int i = 0; i < at; i++) {
            below += index.counts[i];
        }
        List<byte[]> pairs = page(id, index.storage[at]);
        int n = 0;
        while (n * 2 < pairs.size() && compare(pairs.get(n * 2 + 1), pairs.get(n * 2), key) < 0) {
            n++;
        }
        return below + n;
    }

    /** Member, score pairs of ascending ranks {@code from..to} (inclusive, within the set). */
    List<byte[]> range(long id, long from, long to) {
        Index index = read(id);
        List<byte[]> out = new ArrayList<>((int) Math.min((to - from + 1) * 2, 1 << 16));
        long first = 0; // rank of the current page's first member
        for (int i = 0; i < index.size && first <= to; i++) {
            int n = index.counts[i];
            if (first + n > from) {
                List<byte[]> pairs = page(id, index.storage[i]);
                int start = (int) Math.max(0, from - first);
                int end = (int) Math.min(n - 1, to - first);
                out.addAll(pairs.subList(start * 2, end * 2 + 2));
            }
            first += n;
        }
        return out;
    }

    // ---- changes ----

    /** Adds a member at its score (it must not be in the order). */
    Change insert(long id, byte[] member, double score) {
        Index index = read(id);
        return commit(id, index, insertInto(id, index, member, score), List.of());
    }

    /** Removes a member that is in the order at {@code score}; a page it empties leaves the index. */
    Change delete(long id, byte[] member, double score) {
        Index index = read(id);
        List<byte[]> emptied = new ArrayList<>(1);
        return commit(id, index, deleteFrom(id, index, member, score, emptied), emptied);
    }

    /** Moves a member from one score to another: one read and one write of the index. */
    Change move(long id, byte[] member, double from, double to) {
        Index index = read(id);
        List<byte[]> emptied = new ArrayList<>(1);
        Change out = deleteFrom(id, index, member, from, emptied);
        Change in = insertInto(id, index, member, to);
        return commit(id, index, new Change(out.bytes() + in.bytes(), out.entries() + in.entries()), emptied);
    }

    /** Writes the index after the pages' change, then removes the pages it no longer names. */
    private Change commit(long id, Index index, Change pages, List<byte[]> emptied) {
        long bytes = pages.bytes() + rewriteIndex(id, index);
        for (byte[] pageKey : emptied) {
            map.remove(pageKey);
        }
        return new Change(bytes, pages.entries());
    }

    private Change insertInto(long id, Index index, byte[] member, double score) {
        if (index.size == 0) {
            index.add(0, index.nextFree--, 0, Key.before(Double.NEGATIVE_INFINITY));
        }
        Key key = new Key(score, member);
        int at = index.pageOf(key);
        byte[] pageKey = PageKeys.of(id, index.storage[at]);
        byte[] old = map.readRaw(pageKey);
        List<byte[]> pairs = old == null ? new ArrayList<>() : CollectionCodec.decode(old);
        int n = 0;
        while (n * 2 < pairs.size() && compare(pairs.get(n * 2 + 1), pairs.get(n * 2), key) < 0) {
            n++;
        }
        pairs.add(n * 2, scoreBytes(score));
        pairs.add(n * 2, member);
        long bytes = -entryBytes(old);
        byte[] encoded = CollectionCodec.encode(pairs);
        int members = pairs.size() / 2;
        if (members > 1 && (members > PAGE_ELEMENTS || encoded.length > PAGE_BYTES)) {
            // Split: the upper half goes to a new page, written before the index names it.
            int half = members / 2;
            List<byte[]> upper = new ArrayList<>(pairs.subList(half * 2, pairs.size()));
            List<byte[]> lower = new ArrayList<>(pairs.subList(0, half * 2));
            int fresh = index.nextFree--;
            bytes += writer.write(PageKeys.of(id, fresh), CollectionCodec.encode(upper));
            bytes += writer.write(pageKey, CollectionCodec.encode(lower));
            index.counts[at] = half;
            index.add(at + 1, fresh, members - half, between(lastKey(lower), new Key(score(upper.get(1)), upper.get(0))));
            return new Change(bytes, 1);
        }
        bytes += writer.write(pageKey, encoded);
        index.counts[at]++;
        return new Change(bytes, 0);
    }

    private Change deleteFrom(long id, Index index, byte[] member, double score, List<byte[]> emptied) {
        int at = index.pageOf(new Key(score, member));
        byte[] pageKey = PageKeys.of(id, index.storage[at]);
        byte[] old = map.readRaw(pageKey);
        List<byte[]> pairs = old == null ? new ArrayList<>() : CollectionCodec.decode(old);
        int n = -1;
        for (int i = 0; i < pairs.size(); i += 2) {
            if (Arrays.equals(pairs.get(i), member)) {
                n = i;
                break;
            }
        }
        if (n < 0) {
            return Change.NONE;
        }
        pairs.remove(n + 1);
        pairs.remove(n);
        long bytes = -entryBytes(old);
        if (pairs.isEmpty() && index.size > 1) {
            index.remove(at);
            if (at == 0) {
                index.setBound(0, Key.before(Double.NEGATIVE_INFINITY));
            }
            emptied.add(pageKey);
            return new Change(bytes, -1);
        }
        bytes += writer.write(pageKey, CollectionCodec.encode(pairs));
        index.counts[at]--;
        return new Change(bytes, 0);
    }

    /** Writes the bounds when they changed (under a new version), then the counts; returns the change in bytes. */
    private long rewriteIndex(long id, Index index) {
        long bytes = 0;
        if (index.boundsChanged) {
            index.version = ThreadLocalRandom.current().nextLong();
            byte[] bounds = index.encodeBounds();
            bytes += writer.write(PageKeys.of(id, BOUNDS), bounds) - storedBytes(index.boundsLength);
            index.boundsLength = bounds.length;
            index.boundsChanged = false;
        }
        byte[] counts = index.encodeCounts(); // after the bounds: it names their version
        bytes += writer.write(PageKeys.of(id, COUNTS), counts) - storedBytes(index.countsLength);
        index.countsLength = counts.length;
        remember(id, index.copy());
        return bytes;
    }

    private static long storedBytes(int length) {
        return length < 0 ? 0 : PagedCollections.pageEntryBytes(length);
    }

    private void remember(long id, Index index) {
        if (decoded.size() >= DECODED_INDEXES && !decoded.containsKey(id)) {
            decoded.clear(); // rare: more sorted sets in use than kept; the next reads decode again
        }
        decoded.put(id, index);
    }

    // ---- parts ----

    /** The bounds and counts of a collection, as a copy the caller may change. */
    private Index read(long id) {
        // A writer on another thread writes the bounds, then the counts: a reader that finds the new
        // bounds beside the old counts reads the counts again.
        for (int attempt = 0; ; attempt++) {
            byte[] counts = map.readRaw(PageKeys.of(id, COUNTS));
            if (counts == null) {
                throw new IllegalStateException("sorted set without an order index");
            }
            long version = Index.version(counts);
            Index known = decoded.get(id);
            Index index;
            if (known != null && known.version == version) {
                index = known.copy();
            } else {
                byte[] bounds = map.readRaw(PageKeys.of(id, BOUNDS));
                if (bounds == null || Index.version(bounds) != version) {
                    if (attempt < 100) {
                        Thread.onSpinWait();
                        continue;
                    }
                    throw new IllegalStateException("sorted set order: bounds and counts out of step");
                }
                index = Index.decodeBounds(bounds);
                remember(id, index.copy());
            }
            index.readCounts(counts);
            return index;
        }
    }

    private List<byte[]> page(long id, int storage) {
        byte[] raw = map.readRaw(PageKeys.of(id, storage));
        return raw == null ? new ArrayList<>() : CollectionCodec.decode(raw);
    }

    private static long entryBytes(byte[] page) {
        return page == null ? 0 : PagedCollections.pageEntryBytes(page);
    }

    private static long pairBytes(byte[] member, byte[] score) {
        return CollectionCodec.varintBytes(member.length) + member.length + 1L + score.length;
    }

    private static Key lastKey(List<byte[]> pairs) {
        return new Key(score(pairs.get(pairs.size() - 1)), pairs.get(pairs.size() - 2));
    }

    static double score(byte[] eightBytes) {
        return ByteBuffer.wrap(eightBytes).getDouble();
    }

    private static byte[] scoreBytes(double score) {
        return ByteBuffer.allocate(Double.BYTES).putDouble(score).array();
    }

    /** A member (score, member) against a key: negative when the member sorts first. */
    private static int compare(byte[] score, byte[] member, Key key) {
        return compare(score(score), member, key.score(), key.member());
    }

    /** Redis's order: by score (-0 equal to 0, as C compares them), then by member bytes. */
    static int compare(double scoreA, byte[] memberA, double scoreB, byte[] memberB) {
        if (scoreA != scoreB) {
            return scoreA < scoreB ? -1 : 1;
        }
        if (memberA == null || memberB == null) {
            return memberA == memberB ? 0 : memberA == null ? 1 : -1;
        }
        return Arrays.compareUnsigned(memberA, memberB);
    }

    /** The shortest key above {@code left} and at most {@code right} (left &lt; right). */
    static Key between(Key left, Key right) {
        if (left.score() != right.score()) {
            return Key.before(right.score());
        }
        byte[] l = left.member();
        byte[] r = right.member();
        int d = 0;
        while (d < l.length && d < r.length && l[d] == r[d]) {
            d++;
        }
        return new Key(right.score(), Arrays.copyOf(r, d + 1));
    }

    /** The bounds and counts: per page in order, its page index, member count and lower bound. */
    static final class Index {
        int nextFree = FIRST_PAGE;
        int size;
        int[] storage = new int[8];
        int[] counts = new int[8];
        double[] scores = new double[8];
        byte[][] members = new byte[8][];
        /** The bounds' version, written in both entries; a new one for every rewrite of the bounds. */
        long version;
        /** Pages, bounds or the next free index changed since the bounds were read or written. */
        boolean boundsChanged = true;
        /** Bytes of the two entries as stored (-1: not stored yet). */
        int boundsLength = -1;
        int countsLength = -1;

        /** The last page whose bound is at most {@code key} (page 0's bound is below every key). */
        int pageOf(Key key) {
            int lo = 0;
            int hi = size - 1;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (compare(scores[mid], members[mid], key.score(), key.member()) <= 0) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            return lo;
        }

        void add(int at, int page, int count, Key bound) {
            if (size == storage.length) {
                int grown = size * 2;
                storage = Arrays.copyOf(storage, grown);
                counts = Arrays.copyOf(counts, grown);
                scores = Arrays.copyOf(scores, grown);
                members = Arrays.copyOf(members, grown);
            }
            int tail = size - at;
            System.arraycopy(storage, at, storage, at + 1, tail);
            System.arraycopy(counts, at, counts, at + 1, tail);
            System.arraycopy(scores, at, scores, at + 1, tail);
            System.arraycopy(members, at, members, at + 1, tail);
            storage[at] = page;
            counts[at] = count;
            size++;
            setBound(at, bound);
        }

        void remove(int at) {
            int tail = size - at - 1;
            System.arraycopy(storage, at + 1, storage, at, tail);
            System.arraycopy(counts, at + 1, counts, at, tail);
            System.arraycopy(scores, at + 1, scores, at, tail);
            System.arraycopy(members, at + 1, members, at, tail);
            size--;
            boundsChanged = true;
        }

        void setBound(int at, Key bound) {
            scores[at] = bound.score();
            members[at] = bound.member();
            boundsChanged = true;
        }

        Index copy() {
            Index out = new Index();
            out.nextFree = nextFree;
            out.size = size;
            out.storage = storage.clone();
            out.counts = counts.clone();
            out.scores = scores.clone();
            out.members = members.clone(); // the member arrays themselves are never changed
            out.version = version;
            out.boundsChanged = boundsChanged;
            out.boundsLength = boundsLength;
            out.countsLength = countsLength;
            return out;
        }

        /** The bounds entry: version, varint next free page (negated), varint size, then per page varint index (negated), score, varint bound length, bound. */
        byte[] encodeBounds() {
            int length = Long.BYTES + CollectionCodec.varintBytes(-nextFree) + CollectionCodec.varintBytes(size);
            for (int i = 0; i < size; i++) {
                length += CollectionCodec.varintBytes(-storage[i]) + Double.BYTES
                        + CollectionCodec.varintBytes(members[i].length) + members[i].length;
            }
            byte[] out = new byte[length];
            int pos = putLong(out, 0, version);
            pos = CollectionCodec.writeVarint(out, pos, -nextFree);
            pos = CollectionCodec.writeVarint(out, pos, size);
            for (int i = 0; i < size; i++) {
                pos = CollectionCodec.writeVarint(out, pos, -storage[i]);
                pos = putLong(out, pos, Double.doubleToRawLongBits(scores[i]));
                pos = CollectionCodec.writeVarint(out, pos, members[i].length);
                System.arraycopy(members[i], 0, out, pos, members[i].length);
                pos += members[i].length;
            }
            return out;
        }

        /** The counts entry: the bounds' version, then one byte per page (a page holds at most 128 members). */
        byte[] encodeCounts() {
            byte[] out = new byte[Long.BYTES + size];
            putLong(out, 0, version);
            for (int i = 0; i < size; i++) {
                if (counts[i] < 0 || counts[i] > 255) {
                    throw new IllegalStateException("page count " + counts[i]);
                }
                out[Long.BYTES + i] = (byte) counts[i];
            }
            return out;
        }

        /** The version an entry (bounds or counts) names. */
        static long version(byte[] entry) {
            return getLong(entry, 0);
        }

        static Index decodeBounds(byte[] raw) {
            Index index = new Index();
            index.version = getLong(raw, 0);
            int[] pos = {Long.BYTES};
            index.nextFree = -CollectionCodec.readVarint(raw, pos);
            int size = CollectionCodec.readVarint(raw, pos);
            index.storage = new int[Math.max(8, size + 1)];
            index.counts = new int[index.storage.length];
            index.scores = new double[index.storage.length];
            index.members = new byte[index.storage.length][];
            for (int i = 0; i < size; i++) {
                index.storage[i] = -CollectionCodec.readVarint(raw, pos);
                index.scores[i] = Double.longBitsToDouble(getLong(raw, pos[0]));
                pos[0] += Long.BYTES;
                int length = CollectionCodec.readVarint(raw, pos);
                index.members[i] = length == 0 ? NOTHING : Arrays.copyOfRange(raw, pos[0], pos[0] + length);
                pos[0] += length;
            }
            index.size = size;
            index.boundsChanged = false;
            index.boundsLength = raw.length;
            return index;
        }

        /** Takes each page's count from the counts entry (of this index's version). */
        void readCounts(byte[] raw) {
            if (raw.length - Long.BYTES != size) {
                throw new IllegalStateException("sorted set order: " + size + " pages, " + (raw.length - Long.BYTES) + " counts");
            }
            for (int i = 0; i < size; i++) {
                counts[i] = raw[Long.BYTES + i] & 0xFF;
            }
            countsLength = raw.length;
        }

        private static int putLong(byte[] out, int pos, long value) {
            for (int b = 7; b >= 0; b--) {
                out[pos++] = (byte) (value >>> (8 * b));
            }
            return pos;
        }

        private static long getLong(byte[] in, int pos) {
            long value = 0;
            for (int b = 0; b < 8; b++) {
                value = (value << 8) | (in[pos + b] & 0xFF);
            }
            return value;
        }
    }
}
