package io.augur.server.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.augur.server.store.StoreFixture.bytes;
import static io.augur.server.store.StoreFixture.string;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store on its own: a real Chronicle Map in a temp dir, time from an injected clock. */
class ChronicleStoreTest {

    @TempDir
    Path dir;

    @Test
    void putThenGet_returnsValue_andCountsMemory() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("k"), bytes("value"), 0, false);
            assertThat(string(store.get(bytes("k")).value())).isEqualTo("value");
            assertThat(store.get(bytes("missing"))).isNull();
            assertThat(store.size()).isEqualTo(1);
            assertThat(store.usedMemoryBytes()).isEqualTo(1 + 5 + EntryCodec.HEADER_BYTES + EntryCodec.ENTRY_OVERHEAD_BYTES);
            store.put(bytes("k"), bytes("v"), 0, false);
            assertThat(store.usedMemoryBytes()).isEqualTo(1 + 1 + EntryCodec.HEADER_BYTES + EntryCodec.ENTRY_OVERHEAD_BYTES);
            assertThat(store.delete(bytes("k"))).isTrue();
            assertThat(store.size()).isZero();
            assertThat(store.usedMemoryBytes()).isZero();
        }
    }

    @Test
    void get_afterExpiry_returnsNullAndCountsExpired() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("k"), bytes("v"), f.now.get() + 10_000, false);
            assertThat(store.expiresCount()).isEqualTo(1);
            f.advanceSeconds(9);
            assertThat(store.get(bytes("k"))).isNotNull();
            f.advanceSeconds(1);
            assertThat(store.peek(bytes("k"))).isNull();
            assertThat(store.get(bytes("k"))).isNull();
            assertThat(store.expiredKeys()).isEqualTo(1);
            assertThat(store.size()).isZero();
            assertThat(store.expiresCount()).isZero();
        }
    }

    @Test
    void setExpireAt_thenActiveCycle_removesOnlyExpiredKeys() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            for (int i = 0; i < 20; i++) {
                store.put(bytes("k" + i), bytes("v"), 0, false);
            }
            for (int i = 0; i < 10; i++) {
                assertThat(store.setExpireAt(bytes("k" + i), f.now.get() + 1000)).isTrue();
            }
            assertThat(store.setExpireAt(bytes("absent"), f.now.get() + 1000)).isFalse();
            assertThat(store.expiresCount()).isEqualTo(10);
            f.advanceSeconds(2);
            assertThat(store.activeExpireCycle(10_000_000)).isEqualTo(10);
            assertThat(store.size()).isEqualTo(10);
            assertThat(store.peek(bytes("k15"))).isNotNull();
            assertThat(store.expiresCount()).isZero();
        }
    }

    @Test
    void get_ofPrefetchedEntry_reportsPrefetchedOnce() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("p"), bytes("v"), 0, true);
            assertThat(store.peek(bytes("p")).prefetched()).isTrue();
            assertThat(store.get(bytes("p")).prefetched()).isTrue();
            assertThat(store.get(bytes("p")).prefetched()).isFalse();
            assertThat(string(store.get(bytes("p")).value())).isEqualTo("v");
        }
    }

    @Test
    void scan_withSmallCount_returnsEveryLiveKeyExactlyOnce() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = ChronicleStore.open(f.config(EvictionPolicy.NOEVICTION).entries(100_000)
                .maxValueBytes(1024).build())) {
            for (int i = 0; i < 3000; i++) {
                store.put(bytes("key:" + i), bytes("v"), i < 100 ? f.now.get() + 1 : 0, false);
            }
            f.advanceSeconds(1);
            List<String> seen = new ArrayList<>();
            long cursor = 0;
            do {
                Store.ScanPage page = store.scan(cursor, 10, k -> true);
                page.keys().forEach(k -> seen.add(string(k)));
                cursor = page.nextCursor();
            } while (cursor != 0);
            assertThat(seen).hasSize(2900).doesNotHaveDuplicates().doesNotContain("key:0", "key:99");
        }
    }

    @Test
    void put_pastMaxmemory_evictsAndStaysWithinBound() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = ChronicleStore.open(f.config(EvictionPolicy.ALLKEYS_LRU)
                .maxMemoryBytes(20_000).build())) {
            for (int i = 0; i < 500; i++) {
                store.put(bytes("k" + i), new byte[100], 0, false);
                assertThat(store.usedMemoryBytes()).isLessThanOrEqualTo(20_000);
            }
            assertThat(store.evictedKeys()).isPositive();
            assertThat(store.peek(bytes("k499"))).isNotNull();
        }
    }

    @Test
    void put_pastEntryCapacity_evictsInsteadOfFailing() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = ChronicleStore.open(f.config(EvictionPolicy.ALLKEYS_RANDOM).entries(100).build())) {
            for (int i = 0; i < 300; i++) {
                store.put(bytes("k" + i), bytes("v"), 0, false);
            }
            assertThat(store.size()).isEqualTo(100);
        }
    }

    @Test
    void put_oversizedValue_isRefused() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = ChronicleStore.open(f.config(EvictionPolicy.NOEVICTION).maxValueBytes(10).build())) {
            assertThatThrownBy(() -> store.put(bytes("k"), new byte[11], 0, false))
                    .isInstanceOf(ValueTooLargeException.class);
            assertThat(store.size()).isZero();
        }
    }

    @Test
    void reopen_keepsKeysValuesAndExpiries() {
        StoreFixture f = new StoreFixture(dir);
        long expireAt = f.now.get() + 60_000;
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            for (int i = 0; i < 100; i++) {
                store.put(bytes("k" + i), bytes("v" + i), i % 2 == 0 ? expireAt : 0, false);
            }
        }
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            assertThat(store.recovered()).isFalse();
            assertThat(store.size()).isEqualTo(100);
            assertThat(store.expiresCount()).isEqualTo(50);
            assertThat(string(store.get(bytes("k7")).value())).isEqualTo("v7");
            assertThat(store.get(bytes("k8")).expireAtMillis()).isEqualTo(expireAt);
            Set<String> keys = new HashSet<>();
            store.forEachKey(k -> keys.add(string(k)));
            assertThat(keys).hasSize(100);
        }
    }

    /** A compact one-element list: collections are what RecentWrites keeps (strings are never kept). */
    private static byte[] listOf(String element) {
        return CollectionCodec.encode(List.of(bytes(element)));
    }

    private static String first(StoredValue list) {
        return string(CollectionCodec.decode(list.value()).get(0));
    }

    @Test
    void peek_rightAfterEachChangeOfAKey_seesThatChange() {
        // A collection just written is read back from RecentWrites, not the map: each kind of change must show.
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("k"), ValueType.LIST, listOf("one"), 0, true);
            assertThat(first(store.peek(bytes("k")))).isEqualTo("one");
            assertThat(store.get(bytes("k")).prefetched()).isTrue();
            assertThat(store.peek(bytes("k")).prefetched()).isFalse();
            store.setExpireAt(bytes("k"), f.now.get() + 5000);
            assertThat(store.peek(bytes("k")).expireAtMillis()).isEqualTo(f.now.get() + 5000);
            store.put(bytes("k"), ValueType.LIST, listOf("two"), 0, false);
            assertThat(store.peek(bytes("k")).expireAtMillis()).isZero();
            assertThat(store.delete(bytes("k"))).isTrue();
            assertThat(store.peek(bytes("k"))).isNull();
            store.put(bytes("k"), ValueType.LIST, listOf("three"), 0, false);
            store.clear();
            assertThat(store.peek(bytes("k"))).isNull();
            // A kept value, then one too large to keep: the read must not see the kept one.
            store.put(bytes("k"), ValueType.LIST, listOf("four"), 0, false);
            store.put(bytes("k"), ValueType.LIST, listOf("y".repeat(8 * 1024)), 0, false);
            assertThat(first(store.peek(bytes("k")))).hasSize(8 * 1024);
            // A string over a kept collection is not kept itself: the read must not see the collection.
            store.put(bytes("k"), ValueType.LIST, listOf("five"), 0, false);
            store.put(bytes("k"), bytes("six"), 0, false);
            assertThat(string(store.peek(bytes("k")).value())).isEqualTo("six");
            // A paged list: the header read after a push is the pushed one.
            List<byte[]> many = new ArrayList<>();
            for (int i = 0; i < 5000; i++) {
                many.add(bytes("e" + i));
            }
            store.put(bytes("l"), ValueType.LIST, CollectionCodec.encode(many), 0, false);
            assertThat(store.shallowPeek(bytes("l")).paged()).isTrue();
            store.listPush(bytes("l"), true, List.of(bytes("head")));
            assertThat(store.shallowPeek(bytes("l")).pagedCount()).isEqualTo(5001);
            assertThat(store.listRange(bytes("l"), 0, 0)).extracting(StoreFixture::string).containsExactly("head");
        }
    }

    @Test
    void peek_fromAnotherThread_whileAKeyIsRewritten_neverSeesAnOlderValue() throws Exception {
        // The prefetcher's thread writes while the command thread reads: RecentWrites must never hand
        // back bytes older than what a read already saw.
        StoreFixture f = new StoreFixture(dir);
        int writes = 20_000;
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("k"), ValueType.LIST, listOf("0"), 0, false);
            Thread writer = new Thread(() -> {
                for (int i = 1; i <= writes; i++) {
                    store.put(bytes("k"), ValueType.LIST, listOf(Integer.toString(i)), 0, false);
                    // evicts "k" from its slot now and then
                    store.put(bytes("other" + (i % 64)), ValueType.LIST, listOf("v"), 0, false);
                }
            });
            writer.start();
            int seen = 0;
            while (seen < writes) {
                int now = Integer.parseInt(first(store.peek(bytes("k"))));
                assertThat(now).isGreaterThanOrEqualTo(seen);
                seen = now;
            }
            writer.join();
        }
    }
}
