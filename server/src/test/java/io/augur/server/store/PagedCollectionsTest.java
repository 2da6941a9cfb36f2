package io.augur.server.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.augur.server.store.StoreFixture.bytes;
import static io.augur.server.store.StoreFixture.string;
import static org.assertj.core.api.Assertions.assertThat;

/** Collections past the compact threshold live in pages: same values, same accounting, no pages left behind. */
class PagedCollectionsTest {

    @TempDir
    Path dir;

    private static byte[] payload(List<String> elements) {
        return CollectionCodec.encode(elements.stream().map(StoreFixture::bytes).toList());
    }

    private static List<String> elements(StoredValue v) {
        return CollectionCodec.decode(v.value()).stream().map(StoreFixture::string).toList();
    }

    @Test
    void pagedListRange_anyFromTo_isThatSliceOfTheList_whicheverEndItIsNearer() {
        StoreFixture f = new StoreFixture(dir);
        List<String> model = new ArrayList<>();
        Random random = new Random(11);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            List<String> initial = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                initial.add("e" + i);
            }
            model.addAll(initial);
            store.put(bytes("l"), ValueType.LIST, payload(initial), 0, false);
            // Pushes at both ends and pops leave pages of uneven counts.
            for (int step = 0; step < 300; step++) {
                boolean left = random.nextBoolean();
                String e = "p" + step;
                if (random.nextInt(4) > 0) {
                    store.listPush(bytes("l"), left, List.of(bytes(e)));
                    model.add(left ? 0 : model.size(), e);
                } else {
                    store.listPop(bytes("l"), left, 1);
                    model.remove(left ? 0 : model.size() - 1);
                }
            }
            assertThat(store.shallowPeek(bytes("l")).paged()).isTrue();
            int size = model.size();
            for (int i = 0; i < 500; i++) {
                int from = random.nextInt(size);
                int to = from + random.nextInt(Math.min(size - from, i % 10 == 0 ? size : 150));
                assertThat(store.listRange(bytes("l"), from, to)).extracting(StoreFixture::string)
                        .as("%d..%d", from, to).containsExactlyElementsOf(model.subList(from, to + 1));
            }
            assertThat(store.listRange(bytes("l"), 0, size + 100)).hasSize(size); // past the end: up to the end
            assertThat(store.listRange(bytes("l"), size - 1, size - 1)).extracting(StoreFixture::string)
                    .containsExactly(model.get(size - 1));
            assertThat(store.listRange(bytes("missing"), 0, 1)).isNull();
        }
    }

    @Test
    void pagedList_pushesAndPopsAtBothEnds_likeADeque_andReopensWithTheSameCounts() {
        StoreFixture f = new StoreFixture(dir);
        Deque<String> model = new ArrayDeque<>();
        Random random = new Random(7);
        long usedAfter;
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            List<String> initial = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                initial.add("e" + i);
                model.addLast("e" + i);
            }
            store.put(bytes("l"), ValueType.LIST, payload(initial), 0, false);
            assertThat(store.shallowPeek(bytes("l")).paged()).isTrue();
            for (int step = 0; step < 3000; step++) {
                boolean left = random.nextBoolean();
                if (random.nextInt(3) > 0) {
                    int n = 1 + random.nextInt(step % 50 == 0 ? 300 : 3);
                    List<byte[]> pushed = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        String e = "p" + step + "." + i;
                        pushed.add(bytes(e));
                        if (left) {
                            model.addFirst(e);
                        } else {
                            model.addLast(e);
                        }
                    }
                    assertThat(store.listPush(bytes("l"), left, pushed)).isEqualTo(model.size());
                } else {
                    int n = 1 + random.nextInt(step % 40 == 0 ? 200 : 2);
                    List<String> expected = new ArrayList<>();
                    for (int i = 0; i < n && !model.isEmpty(); i++) {
                        expected.add(left ? model.pollFirst() : model.pollLast());
                    }
                    assertThat(store.listPop(bytes("l"), left, n)).extracting(StoreFixture::string).isEqualTo(expected);
                }
            }
            assertThat(elements(store.peek(bytes("l")))).containsExactlyElementsOf(model);
            assertThat(store.shallowPeek(bytes("l")).pagedCount()).isEqualTo(model.size());
            assertThat(store.size()).isEqualTo(1);
            usedAfter = store.usedMemoryBytes();
        }
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            assertThat(store.usedMemoryBytes()).isEqualTo(usedAfter);
            assertThat(elements(store.peek(bytes("l")))).containsExactlyElementsOf(model);
            assertThat(store.listPop(bytes("l"), true, model.size() + 5)).hasSize(model.size());
            assertThat(store.peek(bytes("l"))).isNull();
            assertThat(store.size()).isZero();
            assertThat(store.usedMemoryBytes()).isZero();
            assertThat(store.pageEntries()).isZero();
        }
    }

    @Test
    void pushesAndPopsInsideAListsEndPages_leaveItsHeaderEntryUnwritten_whileItsLengthAndMemoryFollow() {
        StoreFixture f = new StoreFixture(dir);
        List<String> initial = new ArrayList<>();
        for (int i = 0; i < 1000; i++) { // pages of 128: the tail page holds 104
            initial.add("e" + i);
        }
        long used;
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("l"), ValueType.LIST, payload(initial), 0, false);
            assertThat(store.shallowPeek(bytes("l")).pagedCount()).isEqualTo(1000);
            store.listPush(bytes("l"), false, List.of(bytes("first")));
        }
        byte[] header = listHeader(f);
        assertThat(EntryCodec.header(header).endsApart()).isTrue();
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            used = store.usedMemoryBytes();
            for (int i = 0; i < 20; i++) { // the tail page: 105 -> 125
                store.listPush(bytes("l"), false, List.of(bytes("t" + i)));
            }
            assertThat(store.listPop(bytes("l"), true, 3)).extracting(StoreFixture::string).containsExactly("e0", "e1", "e2");
            assertThat(store.shallowPeek(bytes("l")).pagedCount()).isEqualTo(1001 + 20 - 3);
            assertThat(store.usedMemoryBytes()).isGreaterThan(used);
            used = store.usedMemoryBytes();
        }
        assertThat(listHeader(f)).as("the header entry after pushes and pops inside its end pages").isEqualTo(header);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            assertThat(store.usedMemoryBytes()).isEqualTo(used); // recounted at open with the end pages read
            assertThat(store.shallowPeek(bytes("l")).pagedCount()).isEqualTo(1018);
            List<byte[]> past = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                past.add(bytes("n" + i));
            }
            store.listPush(bytes("l"), false, past); // past the tail page: a new page, a new header
            assertThat(store.listRange(bytes("l"), 1018 - 1, 1018 + 9)).extracting(StoreFixture::string)
                    .containsExactly("t19", "n0", "n1", "n2", "n3", "n4", "n5", "n6", "n7", "n8", "n9");
        }
        assertThat(listHeader(f)).isNotEqualTo(header);
    }

    @Test
    void everyListEdit_atTheEndsOrInTheMiddle_keepsLengthAndMemoryExact_asAReopenRecountsThem() {
        StoreFixture f = new StoreFixture(dir);
        List<String> model = new ArrayList<>();
        Random random = new Random(23);
        long used;
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            for (int i = 0; i < 2000; i++) {
                model.add("e" + (i % 50));
            }
            store.put(bytes("l"), ValueType.LIST, payload(model), 0, false);
            for (int step = 0; step < 600; step++) {
                String e = "s" + step;
                int index = random.nextInt(model.size());
                switch (random.nextInt(5)) {
                    case 0 -> { // LSET anywhere: an end page or a middle one
                        assertThat(store.listSet(bytes("l"), index, bytes(e))).isEqualTo(1);
                        model.set(index, e);
                    }
                    case 1 -> { // LINSERT before the first of a repeated element
                        String pivot = model.get(index);
                        assertThat(store.listInsert(bytes("l"), bytes(pivot), bytes(e), false)).isEqualTo(model.size() + 1);
                        model.add(model.indexOf(pivot), e);
                    }
                    case 2 -> { // LREM of one element, from the head or the tail
                        String gone = model.get(index);
                        boolean fromHead = random.nextBoolean();
                        assertThat(store.listRemove(bytes("l"), bytes(gone), fromHead ? 1 : -1)).isEqualTo(1);
                        model.remove(fromHead ? model.indexOf(gone) : model.lastIndexOf(gone));
                    }
                    case 3 -> {
                        boolean left = random.nextBoolean();
                        store.listPush(bytes("l"), left, List.of(bytes(e)));
                        model.add(left ? 0 : model.size(), e);
                    }
                    default -> {
                        boolean left = random.nextBoolean();
                        store.listPop(bytes("l"), left, 1);
                        model.remove(left ? 0 : model.size() - 1);
                    }
                }
                assertThat(store.shallowPeek(bytes("l")).pagedCount()).as("step %d", step).isEqualTo(model.size());
            }
            assertThat(store.listRange(bytes("l"), 0, -1 + model.size())).extracting(StoreFixture::string)
                    .containsExactlyElementsOf(model);
            used = store.usedMemoryBytes();
        }
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            assertThat(store.usedMemoryBytes()).isEqualTo(used);
            assertThat(store.shallowPeek(bytes("l")).pagedCount()).isEqualTo(model.size());
            assertThat(store.delete(bytes("l"))).isTrue();
            assertThat(store.usedMemoryBytes()).isZero();
            assertThat(store.pageEntries()).isZero();
        }
    }

    /** The stored bytes of the one paged collection's header entry in the store's file. */
    private static byte[] listHeader(StoreFixture f) {
        try (StoreFile file = StoreFile.open(f.config(EvictionPolicy.NOEVICTION).build())) {
            List<byte[]> headers = new ArrayList<>();
            file.map().forEachRaw((k, v) -> {
                if (!PageKeys.isPage(k) && !EntryMap.isMeta(k) && EntryCodec.paged(v)) {
                    headers.add(EntryMap.copyOf(v));
                }
                return true;
            });
            assertThat(headers).hasSize(1);
            return headers.get(0);
        }
    }

    @Test
    void pagedHash_setsAndRemovesFieldsThroughSplits_andAssemblesEveryField() {
        StoreFixture f = new StoreFixture(dir);
        Map<String, String> model = new HashMap<>();
        List<String> initial = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            initial.add("f" + i);
            initial.add("v" + i);
            model.put("f" + i, "v" + i);
        }
        Random random = new Random(11);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("h"), ValueType.HASH, payload(initial), 0, false);
            for (int step = 0; step < 6000; step++) {
                String field = "f" + random.nextInt(5000);
                if (random.nextInt(4) > 0) {
                    byte[] old = store.fieldPut(bytes("h"), bytes(field), bytes("x" + step));
                    assertThat(old == null ? null : string(old)).isEqualTo(model.put(field, "x" + step));
                } else {
                    byte[] old = store.fieldRemove(bytes("h"), bytes(field));
                    assertThat(old == null ? null : string(old)).isEqualTo(model.remove(field));
                }
            }
            assertThat(store.shallowPeek(bytes("h")).pagedCount()).isEqualTo(model.size());
            Map<String, String> assembled = new HashMap<>();
            List<String> flat = elements(store.peek(bytes("h")));
            for (int i = 0; i < flat.size(); i += 2) {
                assembled.put(flat.get(i), flat.get(i + 1));
            }
            assertThat(assembled).isEqualTo(model);
            assertThat(string(store.fieldGet(bytes("h"), bytes(model.keySet().iterator().next()))))
                    .isEqualTo(model.values().iterator().next());
            assertThat(store.fieldGet(bytes("h"), bytes("nope"))).isNull();
            assertThat(store.delete(bytes("h"))).isTrue();
            assertThat(store.usedMemoryBytes()).isZero();
            assertThat(store.pageEntries()).isZero();
        }
    }

    @Test
    void pagedSortedSet_assemblesByScoreThenMember_andSmallCollectionsStayCompact() {
        StoreFixture f = new StoreFixture(dir);
        List<byte[]> pairs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            pairs.add(bytes("m" + (299 - i)));
            pairs.add(ByteBuffer.allocate(8).putDouble(i % 7).array());
        }
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("z"), ValueType.ZSET, CollectionCodec.encode(pairs), 0, false);
            store.put(bytes("small"), ValueType.ZSET, CollectionCodec.encode(pairs.subList(0, 20)), 0, false);
            assertThat(store.shallowPeek(bytes("small")).paged()).isFalse();
            List<byte[]> out = CollectionCodec.decode(store.peek(bytes("z")).value());
            assertThat(out).hasSize(600);
            for (int i = 2; i < out.size(); i += 2) {
                double prev = ByteBuffer.wrap(out.get(i - 1)).getDouble();
                double score = ByteBuffer.wrap(out.get(i + 1)).getDouble();
                assertThat(prev < score || prev == score && java.util.Arrays.compareUnsigned(out.get(i - 2), out.get(i)) < 0)
                        .isTrue();
            }
            assertThat(ByteBuffer.wrap(store.fieldGet(bytes("z"), bytes("m299"))).getDouble()).isEqualTo(0.0);
        }
    }

    /** A member with its score, in Redis's order (-0 equal to 0, then member bytes). */
    private record Scored(String member, double score) implements Comparable<Scored> {
        @Override
        public int compareTo(Scored o) {
            return score != o.score ? (score < o.score ? -1 : 1)
                    : java.util.Arrays.compareUnsigned(bytes(member), bytes(o.member));
        }
    }

    private static byte[] scoreBytes(double score) {
        return ByteBuffer.allocate(8).putDouble(score).array();
    }

    @Test
    void pagedSortedSet_ranksAndRangesFromItsScoreOrder_matchASortedModel_throughSplitsRemovalsAndReopen() {
        StoreFixture f = new StoreFixture(dir);
        Map<String, Double> scores = new HashMap<>();
        java.util.TreeSet<Scored> model = new java.util.TreeSet<>();
        List<byte[]> initial = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            initial.add(bytes("player:" + i));
            initial.add(scoreBytes(i % 13));
            scores.put("player:" + i, (double) (i % 13));
            model.add(new Scored("player:" + i, i % 13));
        }
        Random random = new Random(5);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("z"), ValueType.ZSET, CollectionCodec.encode(initial), 0, false);
            // Ties, shared prefixes and long members: pages split on count and on bytes, empty pages leave.
            for (int step = 0; step < 8000; step++) {
                String member = random.nextInt(10) == 0 ? "player:" + "x".repeat(random.nextInt(300)) + random.nextInt(50)
                        : "player:" + random.nextInt(4000);
                double score = random.nextInt(5) == 0 ? -0.0 : random.nextInt(60) - 20;
                if (step > 6000 || random.nextInt(4) == 0) {
                    store.fieldRemove(bytes("z"), bytes(member));
                    Double old = scores.remove(member);
                    if (old != null) {
                        model.remove(new Scored(member, old));
                    }
                } else {
                    store.fieldPut(bytes("z"), bytes(member), scoreBytes(score));
                    Double old = scores.put(member, score);
                    if (old != null) {
                        model.remove(new Scored(member, old));
                    }
                    model.add(new Scored(member, score));
                }
            }
            // A band of scores removed whole: pages in the middle and at the start empty and leave.
            for (Scored e : new ArrayList<>(model)) {
                if (e.score() < -15 || e.score() > -5 && e.score() < 5) {
                    store.fieldRemove(bytes("z"), bytes(e.member()));
                    scores.remove(e.member());
                    model.remove(e);
                }
            }
        }
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            List<Scored> sorted = new ArrayList<>(model);
            assertThat(store.shallowPeek(bytes("z")).pagedCount()).isEqualTo(sorted.size());
            assertThat(sorted.size()).isGreaterThan(200);
            for (int i = 0; i < 300; i++) {
                int from = random.nextInt(sorted.size());
                int to = Math.min(sorted.size() - 1, from + random.nextInt(i % 10 == 0 ? sorted.size() : 100));
                List<byte[]> pairs = store.sortedRange(bytes("z"), from, to);
                List<Scored> got = new ArrayList<>();
                for (int k = 0; k < pairs.size(); k += 2) {
                    got.add(new Scored(string(pairs.get(k)), ByteBuffer.wrap(pairs.get(k + 1)).getDouble()));
                }
                assertThat(got).as("ranks %d..%d", from, to).containsExactlyElementsOf(sorted.subList(from, to + 1));
                Scored probe = sorted.get(from);
                assertThat(store.sortedCountBelow(bytes("z"), probe.score(), bytes(probe.member()))).isEqualTo(from);
                double bound = random.nextInt(60) - 20;
                assertThat(store.sortedCountBelow(bytes("z"), bound, new byte[0]))
                        .as("below %s", bound).isEqualTo(sorted.stream().filter(e -> e.score() < bound).count());
                assertThat(store.sortedCountBelow(bytes("z"), bound, null))
                        .as("at most %s", bound).isEqualTo(sorted.stream().filter(e -> e.score() <= bound).count());
            }
            List<byte[]> whole = CollectionCodec.decode(store.peek(bytes("z")).value());
            assertThat(whole).hasSize(sorted.size() * 2);
            assertThat(string(whole.get(whole.size() - 2))).isEqualTo(sorted.get(sorted.size() - 1).member());
            assertThat(store.delete(bytes("z"))).isTrue();
            assertThat(store.usedMemoryBytes()).isZero();
            assertThat(store.pageEntries()).isZero();
        }
    }

    @Test
    void aSortedSetWrittenBeforeTheScoreOrderExisted_getsItsOrderOnOpen_withTheSameAccounting() {
        StoreFixture f = new StoreFixture(dir);
        List<byte[]> pairs = new ArrayList<>();
        List<String> ascending = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            pairs.add(bytes("m" + i));
            pairs.add(scoreBytes(-i));
            ascending.add(0, "m" + i);
        }
        long used;
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("z"), ValueType.ZSET, CollectionCodec.encode(pairs), 0, false);
            used = store.usedMemoryBytes();
        }
        // What the file held before: a 32-byte header counting the buckets only, and no order entries.
        try (StoreFile file = StoreFile.open(f.config(EvictionPolicy.NOEVICTION).build())) {
            EntryMap map = file.map();
            List<byte[]> headers = new ArrayList<>();
            map.forEachRaw((k, v) -> {
                if (!PageKeys.isPage(k) && !EntryMap.isMeta(k) && EntryCodec.paged(v)) {
                    headers.add(EntryMap.copyOf(k));
                }
                return true;
            });
            assertThat(headers).hasSize(1);
            byte[] raw = map.readRaw(headers.get(0));
            PagedHeader h = EntryCodec.header(raw);
            long orderBytes = 0;
            for (int index : new SortedPages(map, (k, page) -> 0).entryIndexes(h.id())) {
                orderBytes += PagedCollections.pageEntryBytes(map.remove(PageKeys.of(h.id(), index)));
            }
            byte[] old = java.util.Arrays.copyOf(h.with(h.pageBytes() - orderBytes, h.count(), h.a(), h.b()).encode(), 32);
            map.writeRaw(headers.get(0), EntryCodec.withPayload(raw, old));
        }
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            List<byte[]> got = store.sortedRange(bytes("z"), 0, 499);
            List<String> members = new ArrayList<>();
            for (int k = 0; k < got.size(); k += 2) {
                members.add(string(got.get(k)));
            }
            assertThat(members).isEqualTo(ascending);
            assertThat(store.sortedCountBelow(bytes("z"), -100, new byte[0])).isEqualTo(399);
            assertThat(store.usedMemoryBytes()).isEqualTo(used);
        }
    }

    @ParameterizedTest
    @EnumSource(value = EvictionPolicy.class, names = "NOEVICTION", mode = EnumSource.Mode.EXCLUDE)
    void evictingAPagedCollection_freesAllItsPages_andPagesAreNeverKeysOfTheirOwn(EvictionPolicy policy) {
        StoreFixture f = new StoreFixture(dir);
        List<String> big = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            big.add("element-" + i);
        }
        try (ChronicleStore store = f.open(policy)) {
            long expiry = policy.volatileOnly() ? f.now.get() + 3_600_000 : 0;
            store.put(bytes("big"), ValueType.LIST, payload(big), expiry, false);
            assertThat(store.pageEntries()).isGreaterThan(10);
            List<byte[]> keys = new ArrayList<>();
            store.forEachKey(keys::add);
            assertThat(keys).extracting(StoreFixture::string).containsExactly("big");
            assertThat(store.scan(0, 1000, k -> true).keys()).extracting(StoreFixture::string).containsExactly("big");
            assertThat(string(store.randomKey())).isEqualTo("big");
            assertThat(store.size()).isEqualTo(1);
            long small = EntryCodec.entryBytes(1, EntryCodec.HEADER_BYTES + 300);
            // Room for the small key but not for the collection beside it: every policy must take it all.
            store.setMaxMemory(small * 3);
            f.advanceSeconds(10);
            store.put(bytes("s"), bytes("x".repeat(300)), expiry, false);
            assertThat(store.peek(bytes("big"))).isNull();
            assertThat(store.evictedKeys()).isEqualTo(1);
            assertThat(store.pageEntries()).isZero();
            assertThat(store.usedMemoryBytes()).isEqualTo(small);
        }
    }
}
