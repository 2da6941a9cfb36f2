package io.augur.server.store;

import net.openhft.chronicle.algo.hashing.LongHashFunction;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Large collections as a header entry plus page entries of the same map, so an update rewrites one
 * page and the header instead of the whole collection.
 */
final class PagedCollections {

    /*
     * Layout: the header stays at the client's key (type, expiry and flags as any entry, flag bit 4
     * set, payload a PagedHeader); pages are entries at PageKeys(id, index), invisible to clients.
     *
     * Lists: a deque of pages first..last. A push that fits the end page rewrites it; one that does
     * not goes whole into new pages past the end. A pop takes from the end page; a page it empties
     * leaves the range (header first, then the page is removed). The stored header counts the
     * elements and bytes of the pages between the two end pages only (PagedHeader.ENDS_APART); the
     * end pages' own are read from them (header()). So a push or pop inside an end page, most of
     * them, is one page write: the header is rewritten only when the range of pages or a middle
     * page changes (writeHeader skips a header whose bytes did not change). Two Chronicle writes per
     * push had held LPUSH to 0.41x Redis's throughput. A header written before (ordered 0) counts
     * every page and is read as it is until its next write.
     *
     * Hashes, sets, sorted sets: field (member) -> value (empty for a set, the 8-byte score for a
     * sorted set), bucketed by xxHash of the field with linear hashing [1]: 2^level + split buckets,
     * one page each; when the average bucket passes BUCKET_ELEMENTS, bucket `split` splits in two.
     * A sorted set also keeps its members in score order in pages of their own (SortedPages), so a
     * range or rank reads only the pages it is on; the buckets stay the truth, the order is derived.
     *
     * Crash (kill -9): every change is ordered so that the header is the commit point. Pages a new
     * header will reference are written before it (until then they are outside its range: orphans);
     * pages it no longer references are removed after it. A change inside one page (HSET/HDEL/SADD/
     * ZADD of one field, LSET of a middle page) is one page write followed by the header's count: a
     * crash between the two leaves the page new and the count old, which recover() recounts (a push
     * or pop inside a list's end page has no header write: nothing to recount). A
     * split copies the moving fields to the new bucket, commits the header, then drops them from the
     * old bucket; a reader ignores a field found in a bucket it does not hash to, so the copy left
     * by a crash in between is never seen twice. recover() runs when the file was not closed
     * cleanly: it recounts every paged collection, drops stale copies and removes orphan pages.
     * A command that changes several pages (a pop with COUNT across pages, HSET of several fields)
     * commits page by page: a crash in the middle keeps a prefix of its effect.
     *
     * [1] W. Litwin, "Linear hashing: a new tool for file and table addressing", VLDB 1980.
     */

    /** A list page takes at most this many elements (Redis's quicklist nodes hold 128 at default settings). */
    static final int LIST_PAGE_ELEMENTS = 128;
    /** ... and at most this many bytes, unless it holds one element (Redis's list-max-listpack-size -2: 8 KB). */
    static final int LIST_PAGE_BYTES = 4096;
    /**
     * Average fields per hash bucket before the next split: a page of ~16 fields is rewritten per
     * update. 32 before 2026-12-02: HSET of 256 B values into one growing hash (redis-benchmark -P 16
     * -r 100000 -d 256) went from 69-72k/s to 81-106k/s at 16, three alternating runs; used_memory
     * per field of a 100,000-field hash 24.8 B -> 25.8 B (Redis 74.5 B).
     */
    static final int BUCKET_ELEMENTS = 16;
    /** A collection up to this many payload bytes may stay compact (one entry). */
    static final int COMPACT_MAX_BYTES = 32 * 1024;
    private static final byte[] NOTHING = new byte[0];
    private static final LongHashFunction HASH = LongHashFunction.xx_r39();

    private final EntryMap map;
    private final long maxPageBytes;
    private final SortedPages order;

    PagedCollections(EntryMap map, long maxPageBytes) {
        this.map = map;
        this.maxPageBytes = maxPageBytes;
        this.order = new SortedPages(map, (pageKey, page) -> writePage(pageKey, checked(page)));
    }

    /**
     * Elements a collection of the type holds at most as one compact entry: Redis 7.0's thresholds
     * for its compact encodings (hash and zset listpack 128, intset 512), so replies keep Redis's
     * order wherever Redis's order is defined.
     */
    static int compactMaxElements(ValueType type) {
        return type == ValueType.SET ? 512 : 128;
    }

    /**
     * Whether a collection payload is stored paged rather than as one entry: past the element count
     * (a hash's fields and a sorted set's members, not the flat list's field-value pairs: a hash of
     * 100 fields stays compact and keeps its insertion order, as in Redis) or past the bytes.
     */
    static boolean pages(ValueType type, byte[] payload) {
        if (type == ValueType.STRING) {
            return false;
        }
        int elements = CollectionCodec.count(payload);
        int members = type == ValueType.HASH || type == ValueType.ZSET ? elements / 2 : elements;
        return payload.length > COMPACT_MAX_BYTES || members > compactMaxElements(type);
    }

    static long pageEntryBytes(byte[] page) {
        return pageEntryBytes(page.length);
    }

    static long pageEntryBytes(int pageLength) {
        return EntryCodec.entryBytes(PageKeys.BYTES, pageLength);
    }

    /** Page entries a header references. */
    static long pageCount(ValueType type, PagedHeader h) {
        return type == ValueType.LIST ? h.pages() : h.buckets() + h.ordered();
    }

    // ---- headers ----

    /**
     * A paged entry's header as commands see it: a list's count and page bytes include its end
     * pages', read from them when the stored header leaves them out. Read it before a change: the
     * end pages are read as they are now.
     */
    PagedHeader header(byte[] raw) {
        return whole(EntryCodec.header(raw));
    }

    /** {@link #header(byte[])} of a decoded header. */
    PagedHeader whole(PagedHeader stored) {
        if (!stored.endsApart()) {
            return stored;
        }
        long[] ends = endTotals(stored);
        return stored.listCounts(ends[0], ends[1], false);
    }

    /** Page bytes and elements of a list's end pages (its one page when it has one), as they are now. */
    private long[] endTotals(PagedHeader h) {
        long[] totals = new long[2];
        addPage(totals, PageKeys.of(h.id(), h.a()));
        if (h.b() != h.a()) {
            addPage(totals, PageKeys.of(h.id(), h.b()));
        }
        return totals;
    }

    private void addPage(long[] totals, byte[] pageKey) {
        byte[] page = map.readShared(pageKey);
        if (page != null) { // a page a crash left missing: empty (recover() writes it back)
            totals[0] += pageEntryBytes(page);
            totals[1] += ListPage.count(page);
        }
    }

    // ---- whole collections ----

    /** Writes the pages of a new collection holding a compact payload's elements; returns its header (not stored). */
    PagedHeader create(ValueType type, byte[] payload) {
        List<byte[]> elements = CollectionCodec.decode(payload);
        long id = ThreadLocalRandom.current().nextLong();
        if (type == ValueType.LIST) {
            List<byte[]> pages = chunk(elements);
            return new PagedHeader(writeAll(id, pages), id, elements.size(), 0, pages.size() - 1);
        }
        int step = type == ValueType.SET ? 1 : 2;
        int fields = elements.size() / step;
        int level = 0;
        while ((1L << level) * BUCKET_ELEMENTS < fields) {
            level++;
        }
        PagedHeader h = new PagedHeader(0, id, fields, level, 0);
        List<List<byte[]>> buckets = new ArrayList<>();
        for (int i = 0; i < h.buckets(); i++) {
            buckets.add(new ArrayList<>());
        }
        for (int i = 0; i < elements.size(); i += step) {
            List<byte[]> bucket = buckets.get(h.bucketOf(hash(elements.get(i))));
            bucket.add(elements.get(i));
            bucket.add(step == 1 ? NOTHING : elements.get(i + 1));
        }
        List<byte[]> pages = new ArrayList<>(buckets.size());
        for (List<byte[]> bucket : buckets) {
            pages.add(checked(CollectionCodec.encode(bucket)));
        }
        h = h.with(writeAll(id, pages), fields, level, 0);
        return type == ValueType.ZSET ? h.plus(order.build(id, ascending(elements))) : h;
    }

    /** A sorted set's member, score pairs in Redis's order: by score, then member bytes. */
    private static List<byte[]> ascending(List<byte[]> pairs) {
        List<int[]> at = new ArrayList<>(pairs.size() / 2);
        for (int i = 0; i < pairs.size(); i += 2) {
            at.add(new int[] {i});
        }
        at.sort((x, y) -> SortedPages.compare(score(pairs.get(x[0] + 1)), pairs.get(x[0]),
                score(pairs.get(y[0] + 1)), pairs.get(y[0])));
        List<byte[]> out = new ArrayList<>(pairs.size());
        for (int[] i : at) {
            out.add(pairs.get(i[0]));
            out.add(pairs.get(i[0] + 1));
        }
        return out;
    }

    /** Writes pages 0..n-1 of a new collection; on failure removes those written (no header names them yet). */
    private long writeAll(long id, List<byte[]> pages) {
        long bytes = 0;
        int written = 0;
        try {
            for (; written < pages.size(); written++) {
                bytes += writePage(PageKeys.of(id, written), pages.get(written));
            }
            return bytes;
        } catch (RuntimeException e) {
            for (int i = 0; i < written; i++) {
                map.remove(PageKeys.of(id, i));
            }
            throw e;
        }
    }

    /** The collection as one compact payload ({@link CollectionCodec}), in the order the compact form keeps. */
    byte[] assemble(ValueType type, PagedHeader h) {
        List<byte[]> out = new ArrayList<>((int) Math.min(h.count() * 2, Integer.MAX_VALUE));
        if (type == ValueType.LIST) {
            for (int i = h.a(); i <= h.b(); i++) {
                out.addAll(ListPage.elements(map.readRaw(PageKeys.of(h.id(), i))));
            }
            return CollectionCodec.encode(out);
        }
        if (type == ValueType.ZSET && h.ordered() > 0) {
            return CollectionCodec.encode(order.ascending(h.id()));
        }
        List<byte[]> pairs = new ArrayList<>();
        for (int i = 0; i < h.buckets(); i++) {
            pairs.addAll(bucket(h, i));
        }
        if (type == ValueType.ZSET) {
            out.addAll(ascending(pairs));
        } else {
            for (int i = 0; i < pairs.size(); i += 2) {
                out.add(pairs.get(i));
                if (type == ValueType.HASH) {
                    out.add(pairs.get(i + 1));
                }
            }
        }
        return CollectionCodec.encode(out);
    }

    /**
     * Elements {@code from} to {@code to} of a list (0-based, inclusive), reading only the pages
     * they are on: from the head when the range is nearer it, else from the tail, each page's
     * element count telling which indexes it holds.
     */
    List<byte[]> listRange(PagedHeader h, long from, long to) {
        long last = Math.min(to, h.count() - 1);
        List<byte[]> out = new ArrayList<>((int) Math.max(0, Math.min(last - from + 1, 1 << 16)));
        if (from > last) {
            return out;
        }
        boolean fromHead = from <= h.count() - 1 - last;
        List<List<byte[]>> tailFirst = new ArrayList<>();
        walkList(h, fromHead, (pageKey, page, n, first) -> {
            if (n > 0 && first + n > from && first <= last) {
                List<byte[]> elements = ListPage.elements(page);
                List<byte[]> part = elements.subList((int) Math.max(0, from - first), (int) Math.min(n - 1, last - first) + 1);
                if (fromHead) {
                    out.addAll(part);
                } else {
                    tailFirst.add(part);
                }
            }
            return fromHead ? first + n > last : first <= from;
        });
        for (int k = tailFirst.size() - 1; k >= 0; k--) {
            out.addAll(tailFirst.get(k));
        }
        return out;
    }

    /** A list page as {@link #walkList} meets it: its key, its bytes (null: empty), its count, its first list index. */
    private interface ListPageVisitor {
        /** Returns true to stop the walk. */
        boolean visit(byte[] pageKey, byte[] page, int count, long first);
    }

    /**
     * Walks a list's pages from the head or the tail, telling each page which list indexes it holds
     * (its first index, from the counts of the pages walked before it), until the visitor stops.
     */
    private void walkList(PagedHeader h, boolean fromHead, ListPageVisitor visitor) {
        long passed = 0; // elements in the pages walked so far
        for (int i = fromHead ? h.a() : h.b(); fromHead ? i <= h.b() : i >= h.a(); i += fromHead ? 1 : -1) {
            byte[] pageKey = PageKeys.of(h.id(), i);
            byte[] page = map.readRaw(pageKey);
            int n = page == null ? 0 : ListPage.count(page);
            long first = fromHead ? passed : h.count() - passed - n;
            passed += n;
            if (visitor.visit(pageKey, page, n, first)) {
                return;
            }
        }
    }

    /** How many members of a sorted set sort below (score, member); a null member: after every member of that score. */
    long sortedCountBelow(PagedHeader h, double score, byte[] member) {
        return order.countBelow(h.id(), new SortedPages.Key(score, member));
    }

    /** A sorted set's member, 8-byte score pairs of ascending ranks {@code from..to} (inclusive, within it). */
    List<byte[]> sortedRange(PagedHeader h, long from, long to) {
        return order.range(h.id(), from, to);
    }

    /**
     * Sets element {@code index} (0-based, within the list) of a paged list: finds its page from the
     * nearer end by the pages' counts, rewrites that page and the header's bytes.
     */
    PagedHeader listSet(byte[] key, byte[] raw, PagedHeader h, long index, byte[] value) {
        PagedHeader[] next = {null};
        walkList(h, index <= h.count() - 1 - index, (pageKey, page, n, first) -> {
            if (index < first || index >= first + n) {
                return false;
            }
            List<byte[]> elements = ListPage.elements(page);
            elements.set((int) (index - first), value);
            long delta = writePage(pageKey, checked(CollectionCodec.encode(elements))) - pageEntryBytes(page);
            next[0] = h.with(h.pageBytes() + delta, h.count(), h.a(), h.b());
            writeHeader(key, raw, next[0]);
            return true;
        });
        if (next[0] == null) {
            throw new IllegalStateException("list index " + index + " beyond its pages");
        }
        return next[0];
    }

    /**
     * LINSERT on a paged list: finds the first {@code pivot} from the head and rewrites only its
     * page with {@code element} before or after it, then the header. A page may grow to twice the
     * push limits this way (ranges, pops and walks take pages of any count); past that the insert
     * is refused and the caller rewrites the whole list, which cuts it into pages again.
     *
     * @return the header after the insert; {@code h} itself when the pivot is absent; null when refused
     */
    PagedHeader listInsert(byte[] key, byte[] raw, PagedHeader h, byte[] pivot, byte[] element, boolean after) {
        PagedHeader[] next = {h};
        walkList(h, true, (pageKey, page, n, first) -> {
            List<byte[]> elements = ListPage.elements(page);
            for (int k = 0; k < elements.size(); k++) {
                if (Arrays.equals(elements.get(k), pivot)) {
                    elements.add(after ? k + 1 : k, element);
                    byte[] changed = CollectionCodec.encode(elements);
                    if (elements.size() > 2 * LIST_PAGE_ELEMENTS || changed.length > 2 * LIST_PAGE_BYTES) {
                        next[0] = null;
                        return true;
                    }
                    long delta = writePage(pageKey, checked(changed)) - (page == null ? 0 : pageEntryBytes(page));
                    next[0] = h.with(h.pageBytes() + delta, h.count() + 1, h.a(), h.b());
                    writeHeader(key, raw, next[0]);
                    return true;
                }
            }
            return false;
        });
        return next[0];
    }

    /**
     * LREM on a paged list: removes up to |count| elements equal to {@code element} (all when 0),
     * from the head when count &ge; 0, else from the tail, page by page; a page it empties stays in
     * the deque, empty, as pops and ranges allow. {@code removed[0]} receives how many it removed.
     * Commits after each page it changes (a crash keeps a prefix of the removals, as pops do).
     */
    PagedHeader listRemove(byte[] key, byte[] raw, PagedHeader h, byte[] element, long count, long[] removed) {
        PagedHeader current = h;
        long limit = count == 0 ? Long.MAX_VALUE : Math.abs(count);
        boolean fromHead = count >= 0;
        int a = current.a();
        int b = current.b();
        for (int i = fromHead ? a : b; (fromHead ? i <= b : i >= a) && removed[0] < limit; i += fromHead ? 1 : -1) {
            byte[] pageKey = PageKeys.of(current.id(), i);
            byte[] page = map.readRaw(pageKey);
            List<byte[]> elements = ListPage.elements(page);
            int before = elements.size();
            for (int k = fromHead ? 0 : before - 1; (fromHead ? k < elements.size() : k >= 0) && removed[0] < limit; ) {
                if (Arrays.equals(elements.get(k), element)) {
                    elements.remove(k);
                    removed[0]++;
                    if (!fromHead) {
                        k--;
                    }
                } else {
                    k += fromHead ? 1 : -1;
                }
            }
            if (elements.size() != before) {
                long delta = writePage(pageKey, CollectionCodec.encode(elements)) - (page == null ? 0 : pageEntryBytes(page));
                current = current.with(current.pageBytes() + delta, current.count() - (before - elements.size()), a, b);
                writeHeader(key, raw, current);
            }
        }
        return current;
    }

    /** Removes every page a header references (after the header itself is gone or replaced). */
    void removePages(ValueType type, PagedHeader h) {
        if (type == ValueType.ZSET) {
            order.removeAll(h.id());
        }
        int first = type == ValueType.LIST ? h.a() : 0;
        int last = type == ValueType.LIST ? h.b() : h.buckets() - 1;
        for (int i = first; i <= last; i++) {
            map.remove(PageKeys.of(h.id(), i));
        }
    }

    // ---- lists ----

    /**
     * Pushes elements one by one at an end (LPUSH a b c leaves c first); writes the pages and the
     * header. Every list operation takes {@code h}, the list's {@link #header(byte[])} read before it.
     */
    PagedHeader push(byte[] key, byte[] raw, PagedHeader h, boolean left, List<byte[]> elements) {
        int end = left ? h.a() : h.b();
        byte[] endKey = PageKeys.of(h.id(), end);
        byte[] page = map.readShared(endKey); // read, never changed: the new page is a new array
        boolean stored = page != null;
        if (page == null) {
            page = ListPage.EMPTY;
        }
        List<byte[]> ordered = left ? reversed(elements) : elements;
        long added = ListPage.bytesOf(elements);
        PagedHeader next;
        if (ListPage.count(page) + elements.size() <= LIST_PAGE_ELEMENTS && page.length + added <= LIST_PAGE_BYTES) {
            byte[] changed = checked(left ? ListPage.prepend(page, ordered) : ListPage.append(page, ordered));
            long delta = (stored ? rewritePage(endKey, changed) : writePage(endKey, changed)) - pageEntryBytes(page);
            next = h.with(h.pageBytes() + delta, h.count() + elements.size(), h.a(), h.b());
            if (EntryCodec.listEndsApart(raw)) {
                return next; // an end page changed, the stored header did not: nothing to write
            }
        } else {
            // All into new pages past the end: until the header names them they are not part of the list.
            List<byte[]> pages = chunk(ordered);
            long bytes = 0;
            for (int i = 0; i < pages.size(); i++) {
                int index = left ? h.a() - pages.size() + i : h.b() + 1 + i;
                bytes += writePage(PageKeys.of(h.id(), index), pages.get(i));
            }
            next = h.with(h.pageBytes() + bytes, h.count() + elements.size(),
                    left ? h.a() - pages.size() : h.a(), left ? h.b() : h.b() + pages.size());
        }
        writeHeader(key, raw, next);
        return next;
    }

    /**
     * Pops up to {@code count} elements from an end into {@code into}, page by page, writing pages and
     * header; a result with count 0 is an emptied list whose header and last page the caller removes.
     */
    PagedHeader pop(byte[] key, byte[] raw, PagedHeader h, boolean left, long count, List<byte[]> into) {
        PagedHeader current = h;
        while (into.size() < count && current.count() > 0) {
            int end = left ? current.a() : current.b();
            byte[] endKey = PageKeys.of(current.id(), end);
            byte[] page = map.readShared(endKey);
            boolean stored = page != null;
            if (page == null) {
                page = ListPage.EMPTY;
            }
            int inPage = ListPage.count(page);
            int n = (int) Math.min(count - into.size(), inPage);
            byte[] rest = ListPage.take(page, left, n, into);
            if (n == inPage && current.a() != current.b()) {
                PagedHeader next = current.with(current.pageBytes() - pageEntryBytes(page), current.count() - n,
                        left ? current.a() + 1 : current.a(), left ? current.b() : current.b() - 1);
                writeHeader(key, raw, next);
                map.remove(endKey);
                current = next;
            } else if (n == inPage) {
                return current.with(current.pageBytes(), 0, current.a(), current.b());
            } else {
                long delta = (stored ? rewritePage(endKey, rest) : writePage(endKey, rest)) - pageEntryBytes(page);
                current = current.with(current.pageBytes() + delta, current.count() - n, current.a(), current.b());
                if (current.a() != h.a() || current.b() != h.b() || !EntryCodec.listEndsApart(raw)) {
                    writeHeader(key, raw, current); // else an end page changed, the stored header did not
                }
            }
        }
        return current;
    }

    // ---- hashes, sets, sorted sets ----

    /** The value of a field (empty for a set member, the 8-byte score of a sorted-set member), or null. */
    byte[] get(PagedHeader h, byte[] field) {
        long hash = hash(field);
        byte[] page = map.readRaw(PageKeys.of(h.id(), h.bucketOf(hash)));
        return page == null ? null : find(page, field);
    }

    /**
     * Up to {@code count} random fields (members) of a hash, set or sorted set with their values,
     * as flat field/value pairs (a set's values are empty, a sorted set's the 8-byte score), each drawn as a
     * random bucket, then a random field in it: fields of sparse buckets come up a little more often
     * (Redis's draws from its hash table are not uniform either). {@code distinct}: no field twice.
     * Fewer than {@code count} only if the draws keep missing (empty buckets, repeats): the caller
     * then takes its whole-collection path.
     */
    List<byte[]> randomFields(PagedHeader h, int count, boolean distinct) {
        List<byte[]> out = new ArrayList<>(2 * count);
        Set<java.nio.ByteBuffer> seen = distinct ? new HashSet<>() : null;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long misses = 0;
        while (out.size() < 2 * count && misses < 64 + 16L * count) {
            List<byte[]> pairs = bucket(h, random.nextInt(h.buckets()));
            if (pairs.isEmpty()) {
                misses++;
                continue;
            }
            int at = 2 * random.nextInt(pairs.size() / 2);
            byte[] field = pairs.get(at);
            if (distinct && !seen.add(java.nio.ByteBuffer.wrap(field))) {
                misses++;
                continue;
            }
            out.add(field);
            out.add(pairs.get(at + 1));
        }
        return out;
    }

    /** Sets a field; {@code previous[0]} receives its old value (null if new). Writes the page and header. */
    PagedHeader put(byte[] key, byte[] raw, byte[] field, byte[] value, byte[][] previous) {
        PagedHeader h = EntryCodec.header(raw);
        FieldPage at = fieldPage(h, field);
        List<byte[]> pairs = at.pairs();
        previous[0] = at.index() < 0 ? null : pairs.get(at.index() + 1);
        if (at.index() >= 0) {
            pairs.set(at.index() + 1, value);
        } else {
            pairs.add(field);
            pairs.add(value);
        }
        // A new value for a field already there may wait for the next settle: the header then changes
        // at most in its byte count. A new field (the count), a sorted set's order pages: at once.
        boolean inPlace = previous[0] != null && EntryCodec.type(raw) != ValueType.ZSET;
        long delta = at.rewrite(checked(CollectionCodec.encode(pairs)), inPlace);
        PagedHeader next = h.with(h.pageBytes() + delta, h.count() + (previous[0] == null ? 1 : 0), h.a(), h.b());
        if (EntryCodec.type(raw) == ValueType.ZSET && h.ordered() > 0 && !Arrays.equals(previous[0], value)) {
            next = next.plus(previous[0] == null ? order.insert(h.id(), field, score(value))
                    : order.move(h.id(), field, score(previous[0]), score(value)));
        }
        if (next.count() > (long) next.buckets() * BUCKET_ELEMENTS) {
            next = split(key, raw, next);
        } else {
            writeHeader(key, raw, next);
        }
        return next;
    }

    /** Removes a field; {@code previous[0]} receives its value (null if absent). A result with count 0: the caller removes the collection. */
    PagedHeader remove(byte[] key, byte[] raw, byte[] field, byte[][] previous) {
        PagedHeader h = EntryCodec.header(raw);
        FieldPage at = fieldPage(h, field);
        if (at.index() < 0) {
            previous[0] = null;
            return h;
        }
        List<byte[]> pairs = at.pairs();
        previous[0] = pairs.get(at.index() + 1);
        pairs.remove(at.index() + 1);
        pairs.remove(at.index());
        if (h.count() == 1) {
            return h.with(h.pageBytes(), 0, h.a(), h.b());
        }
        long delta = at.rewrite(CollectionCodec.encode(pairs), false);
        PagedHeader next = h.with(h.pageBytes() + delta, h.count() - 1, h.a(), h.b());
        if (EntryCodec.type(raw) == ValueType.ZSET && h.ordered() > 0) {
            next = next.plus(order.delete(h.id(), field, score(previous[0])));
        }
        writeHeader(key, raw, next);
        return next;
    }

    /**
     * The page of the bucket a field hashes to: its key, its stored bytes (null when absent), the
     * field/value pairs that belong to the bucket, and the field's index among them (-1: absent).
     */
    private record FieldPage(PagedCollections owner, byte[] pageKey, byte[] page, List<byte[]> pairs, int index) {
        /** Writes the page's new payload (held until the next settle when {@code later}); returns the change in its stored bytes. */
        long rewrite(byte[] payload, boolean later) {
            return (later && page != null ? owner.rewritePage(pageKey, payload) : owner.writePage(pageKey, payload))
                    - (page == null ? 0 : pageEntryBytes(page));
        }
    }

    private FieldPage fieldPage(PagedHeader h, byte[] field) {
        int bucket = h.bucketOf(hash(field));
        byte[] pageKey = PageKeys.of(h.id(), bucket);
        byte[] page = map.readRaw(pageKey);
        List<byte[]> pairs = belonging(h, bucket, page);
        int index = -1;
        for (int i = 0; i < pairs.size(); i += 2) {
            if (Arrays.equals(pairs.get(i), field)) {
                index = i;
                break;
            }
        }
        return new FieldPage(this, pageKey, page, pairs, index);
    }

    /** Splits bucket {@code split} into itself and a new last bucket; commits with the header. */
    private PagedHeader split(byte[] key, byte[] raw, PagedHeader h) {
        int from = h.b();
        int to = from + (1 << h.a());
        PagedHeader next = h.b() + 1 == (1 << h.a()) ? h.with(h.pageBytes(), h.count(), h.a() + 1, 0)
                : h.with(h.pageBytes(), h.count(), h.a(), h.b() + 1);
        byte[] fromKey = PageKeys.of(h.id(), from);
        byte[] page = map.readRaw(fromKey);
        List<byte[]> pairs = belonging(h, from, page);
        List<byte[]> stay = new ArrayList<>();
        List<byte[]> move = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i += 2) {
            List<byte[]> into = next.bucketOf(hash(pairs.get(i))) == to ? move : stay;
            into.add(pairs.get(i));
            into.add(pairs.get(i + 1));
        }
        long moved = writePage(PageKeys.of(h.id(), to), CollectionCodec.encode(move));
        next = next.with(next.pageBytes() + moved, next.count(), next.a(), next.b());
        writeHeader(key, raw, next); // commit: the moved fields are now read from the new bucket
        long delta = writePage(fromKey, CollectionCodec.encode(stay)) - (page == null ? 0 : pageEntryBytes(page));
        next = next.with(next.pageBytes() + delta, next.count(), next.a(), next.b());
        writeHeader(key, raw, next);
        return next;
    }

    // ---- recovery ----

    /** What recover() found and fixed. */
    record Recovery(int collections, int recounted, int orphanPages) {
    }

    /**
     * After an unclean stop: recounts every paged collection from its pages, drops copies a split
     * left behind, and removes pages no header references. One pass over the map plus every page.
     */
    Recovery recover() {
        Map<Long, byte[]> headerKeys = new HashMap<>();
        List<byte[]> pageKeys = new ArrayList<>();
        map.forEachRaw((k, v) -> {
            if (PageKeys.isPage(k)) {
                pageKeys.add(EntryMap.copyOf(k));
            } else if (!EntryMap.isMeta(k) && EntryCodec.paged(v)) {
                byte[] key = EntryMap.copyOf(k);
                headerKeys.put(EntryCodec.header(EntryMap.copyOf(v)).id(), key);
            }
            return true;
        });
        Set<Long> live = new HashSet<>();
        int recounted = 0;
        for (byte[] key : headerKeys.values()) {
            byte[] raw = map.readRaw(key);
            ValueType type = EntryCodec.type(raw);
            PagedHeader h = header(raw);
            PagedHeader fixed = type == ValueType.LIST ? recountList(h) : recountHashed(h);
            if (type == ValueType.ZSET) { // the order may be a write behind its buckets: rebuilt from them
                fixed = withOrder(fixed);
                for (int i : order.entryIndexes(fixed.id())) {
                    live.add(pageId(fixed.id(), i));
                }
            }
            if (!fixed.equals(h)) {
                writeHeader(key, raw, fixed);
                recounted++;
            }
            int first = type == ValueType.LIST ? fixed.a() : 0;
            int last = type == ValueType.LIST ? fixed.b() : fixed.buckets() - 1;
            for (int i = first; i <= last; i++) {
                live.add(pageId(fixed.id(), i));
            }
        }
        int orphans = 0;
        for (byte[] pageKey : pageKeys) {
            if (!headerKeys.containsKey(PageKeys.id(pageKey)) || !live.contains(pageId(PageKeys.id(pageKey), PageKeys.index(pageKey)))) {
                map.remove(pageKey);
                orphans++;
            }
        }
        return new Recovery(headerKeys.size(), recounted, orphans);
    }

    /**
     * Gives a paged sorted set without a score order (written before the order existed) its order;
     * returns whether it had none. The caller counts the header's new bytes.
     */
    boolean order(byte[] key) {
        byte[] raw = map.readRaw(key);
        if (raw == null || !EntryCodec.paged(raw) || EntryCodec.type(raw) != ValueType.ZSET
                || EntryCodec.header(raw).ordered() > 0) {
            return false;
        }
        writeHeader(key, raw, withOrder(EntryCodec.header(raw)));
        return true;
    }

    /**
     * The header after (re)building its sorted set's order from the buckets ({@code h}'s page bytes:
     * the buckets' alone); pages of an earlier order that the new one does not reuse are orphans.
     */
    private PagedHeader withOrder(PagedHeader h) {
        List<byte[]> pairs = new ArrayList<>();
        for (int i = 0; i < h.buckets(); i++) {
            pairs.addAll(bucket(h, i));
        }
        return new PagedHeader(h.pageBytes(), h.id(), h.count(), h.a(), h.b(), 0).plus(order.build(h.id(), ascending(pairs)));
    }

    private PagedHeader recountList(PagedHeader h) {
        long count = 0;
        long bytes = 0;
        for (int i = h.a(); i <= h.b(); i++) {
            byte[] page = map.readRaw(PageKeys.of(h.id(), i));
            if (page == null) {
                page = ListPage.EMPTY;
                writePage(PageKeys.of(h.id(), i), page);
            }
            count += ListPage.count(page);
            bytes += pageEntryBytes(page);
        }
        return h.with(bytes, count, h.a(), h.b());
    }

    private PagedHeader recountHashed(PagedHeader h) {
        long count = 0;
        long bytes = 0;
        for (int i = 0; i < h.buckets(); i++) {
            byte[] pageKey = PageKeys.of(h.id(), i);
            byte[] page = map.readRaw(pageKey);
            List<byte[]> pairs = belonging(h, i, page);
            byte[] clean = CollectionCodec.encode(pairs);
            if (page == null || !Arrays.equals(page, clean)) {
                writePage(pageKey, clean);
            }
            count += pairs.size() / 2;
            bytes += pageEntryBytes(clean);
        }
        return h.with(bytes, count, h.a(), h.b());
    }

    private static long pageId(long id, int index) {
        return id * 31 + index; // for the orphan check only; a collision keeps an orphan, never drops a live page
    }

    // ---- parts ----

    static long hash(byte[] field) {
        return HASH.hashBytes(field);
    }

    private static double score(byte[] eightBytes) {
        return ByteBuffer.wrap(eightBytes).getDouble();
    }

    /** A bucket's field/value pairs, without copies a split left in a bucket they no longer hash to. */
    private List<byte[]> bucket(PagedHeader h, int bucket) {
        return belonging(h, bucket, map.readRaw(PageKeys.of(h.id(), bucket)));
    }

    private static List<byte[]> belonging(PagedHeader h, int bucket, byte[] page) {
        List<byte[]> pairs = page == null ? new ArrayList<>() : CollectionCodec.decode(page);
        List<byte[]> out = new ArrayList<>(pairs.size());
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            if (h.bucketOf(hash(pairs.get(i))) == bucket) {
                out.add(pairs.get(i));
                out.add(pairs.get(i + 1));
            }
        }
        return out;
    }

    /** The value after {@code field} in a page of pairs, or null; reads lengths, copies only the match. */
    private static byte[] find(byte[] page, byte[] field) {
        int[] pos = {0};
        int count = CollectionCodec.readVarint(page, pos);
        for (int i = 0; i + 1 < count; i += 2) {
            int length = CollectionCodec.readVarint(page, pos);
            boolean match = length == field.length
                    && Arrays.equals(page, pos[0], pos[0] + length, field, 0, field.length);
            pos[0] += length;
            int valueLength = CollectionCodec.readVarint(page, pos);
            if (match) {
                return Arrays.copyOfRange(page, pos[0], pos[0] + valueLength);
            }
            pos[0] += valueLength;
        }
        return null;
    }

    /** Elements in pages of at most LIST_PAGE_ELEMENTS and LIST_PAGE_BYTES (or one larger element). */
    private List<byte[]> chunk(List<byte[]> elements) {
        List<byte[]> pages = new ArrayList<>();
        List<byte[]> current = new ArrayList<>();
        long bytes = 1;
        for (byte[] e : elements) {
            long size = CollectionCodec.varintBytes(e.length) + e.length;
            if (!current.isEmpty() && (current.size() == LIST_PAGE_ELEMENTS || bytes + size > LIST_PAGE_BYTES)) {
                pages.add(checked(CollectionCodec.encode(current)));
                current = new ArrayList<>();
                bytes = 1;
            }
            current.add(e);
            bytes += size;
        }
        if (!current.isEmpty()) {
            pages.add(checked(CollectionCodec.encode(current)));
        }
        return pages;
    }

    private static List<byte[]> reversed(List<byte[]> elements) {
        List<byte[]> out = new ArrayList<>(elements);
        java.util.Collections.reverse(out);
        return out;
    }

    /** A page within the store's value limit (a page holds one element past LIST_PAGE_BYTES at most). */
    private byte[] checked(byte[] page) {
        if (page.length > maxPageBytes) {
            throw new ValueTooLargeException("page of " + page.length + " bytes (max-value-size " + maxPageBytes + ")");
        }
        return page;
    }

    /**
     * Rewrites a page the map holds now; the write may be held until the replies leave
     * ({@link EntryMap#rewriteLater}); returns its entry bytes. For a change inside one page whose
     * header is not rewritten after it (or only to count what the page holds), so the header never
     * names what is not written yet.
     */
    private long rewritePage(byte[] pageKey, byte[] page) {
        map.rewriteLater(pageKey, page);
        return pageEntryBytes(page);
    }

    /** Writes a page; returns its entry bytes. */
    private long writePage(byte[] pageKey, byte[] page) {
        try {
            map.writeRaw(pageKey, page);
        } catch (IllegalArgumentException e) {
            throw new ValueTooLargeException("page does not fit the store: " + e.getMessage());
        } catch (IllegalStateException e) {
            throw new OutOfMemoryException();
        }
        return pageEntryBytes(page);
    }

    /**
     * Writes the header entry: {@code raw} (the entry as read before the change) with the new payload.
     * A list's header ({@code h} whole, as {@link #header(byte[])} gives it) is stored without its end
     * pages' counts, read from the pages as they are now (written before), and not rewritten when
     * that leaves its bytes as they are.
     */
    private void writeHeader(byte[] key, byte[] raw, PagedHeader h) {
        if (EntryCodec.type(raw) != ValueType.LIST) {
            map.writeRaw(key, EntryCodec.withPayload(raw, h.encode()));
            return;
        }
        long[] ends = endTotals(h);
        map.writeRawUnlessHeld(key, EntryCodec.withPayload(raw, h.listCounts(-ends[0], -ends[1], true).encode()));
    }
}
