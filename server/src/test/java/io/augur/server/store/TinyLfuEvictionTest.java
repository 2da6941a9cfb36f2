package io.augur.server.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import static io.augur.server.store.StoreFixture.bytes;
import static io.augur.server.store.StoreFixture.string;
import static org.assertj.core.api.Assertions.assertThat;

/** allkeys-tinylfu and volatile-tinylfu on a real store: who stays, who is refused, and the index matching the map. */
class TinyLfuEvictionTest {

    private static final byte[] VALUE = new byte[100];
    /** Room for about 100 entries of VALUE. */
    private static final long MAXMEMORY = 100 * (4 + VALUE.length + EntryCodec.HEADER_BYTES + EntryCodec.ENTRY_OVERHEAD_BYTES);

    @TempDir
    Path dir;

    private ChronicleStore open(StoreFixture f, EvictionPolicy policy) {
        return ChronicleStore.open(f.config(policy).entries(10_000).maxMemoryBytes(MAXMEMORY).build());
    }

    /** Fills the store to 80%, reads "hot" often while filling it up, then writes 1000 keys never read. */
    private static void hotKeyThenScan(StoreFixture f, ChronicleStore store, boolean prefetched) {
        store.put(bytes("hot"), VALUE, 0, false);
        for (int i = 0; i < 80; i++) {
            store.put(bytes(String.format("f%03d", i)), VALUE, 0, false);
        }
        for (int i = 0; i < 30; i++) {
            f.advanceSeconds(1);
            assertThat(store.get(bytes("hot"))).isNotNull();
            store.put(bytes(String.format("g%03d", i)), VALUE, 0, false); // writes drain Caffeine's read buffer
        }
        for (int i = 0; i < 1000; i++) {
            f.advanceSeconds(1);
            store.put(bytes(String.format("s%03d", i)), VALUE, 0, prefetched);
        }
    }

    /** 300 keys written and read once each: each would outrank an unread newcomer at admission. */
    private static void readOnceTraffic(ChronicleStore store) {
        for (int i = 0; i < 300; i++) {
            byte[] key = bytes(String.format("r%03d", i));
            store.put(key, VALUE, 0, false);
            store.get(key);
        }
    }

    @Test
    void allkeysTinylfu_scanOfOneTimeKeys_keepsFrequentlyReadKey() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = open(f, EvictionPolicy.ALLKEYS_TINYLFU)) {
            hotKeyThenScan(f, store, false);
            assertThat(store.peek(bytes("hot"))).isNotNull();
            assertThat(store.usedMemoryBytes()).isLessThanOrEqualTo(MAXMEMORY);
            assertThat(store.evictedKeys()).isPositive();
        }
    }

    @Test
    void allkeysLru_sameScan_losesFrequentlyReadKey() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = open(f, EvictionPolicy.ALLKEYS_LRU)) {
            hotKeyThenScan(f, store, false);
            assertThat(store.peek(bytes("hot"))).isNull();
        }
    }

    @Test
    void prefetchedWrites_neverDisplaceHotKey_andRefusalsAreCounted() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = open(f, EvictionPolicy.ALLKEYS_TINYLFU)) {
            hotKeyThenScan(f, store, true);
            assertThat(store.peek(bytes("hot"))).isNotNull();
            // Nearly all 1000 unread prefetches had to go again (staging holds the newest few); each is counted.
            assertThat(store.prefetchAdmissionRefused()).isGreaterThan(800);
            store.resetStats();
            assertThat(store.prefetchAdmissionRefused()).isZero();
        }
    }

    @Test
    void prefetchedKey_waitsApartFromAdmission_untilItsFirstRead() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = open(f, EvictionPolicy.ALLKEYS_TINYLFU)) {
            hotKeyThenScan(f, store, false);
            store.put(bytes("predicted"), VALUE, 0, true);
            readOnceTraffic(store);
            assertThat(store.get(bytes("predicted"))).isNotNull();
            TinyLfuEviction index = (TinyLfuEviction) store.eviction();
            assertThat(index.staged(bytes("predicted"))).isFalse();
            assertThat(index.tracks(bytes("predicted"))).isTrue();
            assertThat(store.peek(bytes("hot"))).isNotNull();
            assertIndexMatchesMap(store);
        }
    }

    @Test
    void prefetchStagingZero_prefetchedKeyFacesAdmissionAtOnce() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = open(f, EvictionPolicy.ALLKEYS_TINYLFU)) {
            store.setPrefetchStaging(0);
            hotKeyThenScan(f, store, false);
            store.put(bytes("predicted"), VALUE, 0, true);
            readOnceTraffic(store);
            assertThat(store.peek(bytes("predicted"))).isNull();
            assertThat(store.prefetchAdmissionRefused()).isEqualTo(1);
        }
    }

    @Test
    void stagedPrefetches_holdAtMostTheirShareOfMaxmemory_oldestPushedOutFirst() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = open(f, EvictionPolicy.ALLKEYS_TINYLFU)) {
            store.setPrefetchStaging(0.2);
            hotKeyThenScan(f, store, false);
            for (int i = 0; i < 100; i++) {
                store.put(bytes(String.format("p%03d", i)), VALUE, 0, true);
                assertThat(store.usedMemoryBytes()).isLessThanOrEqualTo(MAXMEMORY);
            }
            long entryBytes = EntryCodec.entryBytes(4, VALUE.length + EntryCodec.HEADER_BYTES);
            long staged = java.util.stream.IntStream.range(0, 100)
                    .filter(i -> ((TinyLfuEviction) store.eviction()).staged(bytes(String.format("p%03d", i)))).count();
            assertThat(staged * entryBytes).isLessThanOrEqualTo((long) (MAXMEMORY * 0.2));
            assertThat(store.peek(bytes("p099"))).isNotNull();
            assertThat(store.peek(bytes("p000"))).isNull();
            assertThat(store.prefetchAdmissionRefused()).isEqualTo(100 - staged);
            assertThat(store.peek(bytes("hot"))).isNotNull();
            assertIndexMatchesMap(store);
        }
    }

    @Test
    void randomWorkload_indexTracksExactlyTheKeysInTheMap() {
        StoreFixture f = new StoreFixture(dir);
        Random random = new Random(42);
        try (ChronicleStore store = open(f, EvictionPolicy.ALLKEYS_TINYLFU)) {
            for (int op = 0; op < 20_000; op++) {
                byte[] key = bytes("k" + (int) Math.abs(random.nextGaussian() * 150));
                switch (random.nextInt(10)) {
                    case 0 -> store.delete(key);
                    case 1 -> store.put(key, new byte[random.nextInt(300)], f.now.get() + 5_000, random.nextBoolean());
                    case 2, 3, 4 -> store.put(key, VALUE, 0, random.nextBoolean());
                    default -> store.get(key);
                }
                if (op % 1000 == 0) {
                    f.advanceSeconds(3);
                    store.activeExpireCycle(1_000_000);
                }
                assertThat(store.usedMemoryBytes()).isLessThanOrEqualTo(MAXMEMORY);
            }
            assertIndexMatchesMap(store);
            assertThat(store.evictedKeys()).isPositive();
        }
    }

    @Test
    void reopen_rebuildsIndexFromMap() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = open(f, EvictionPolicy.ALLKEYS_TINYLFU)) {
            hotKeyThenScan(f, store, false);
        }
        try (ChronicleStore store = open(f, EvictionPolicy.ALLKEYS_TINYLFU)) {
            assertThat(store.size()).isPositive();
            assertIndexMatchesMap(store);
            store.put(bytes("after"), VALUE, 0, false);
            assertThat(store.usedMemoryBytes()).isLessThanOrEqualTo(MAXMEMORY);
        }
    }

    @Test
    void setPolicy_liveBetweenLruAndTinylfu_keepsBoundAndIndex() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = open(f, EvictionPolicy.ALLKEYS_LRU)) {
            for (int i = 0; i < 300; i++) {
                store.put(bytes(String.format("a%03d", i)), VALUE, 0, false);
            }
            store.setPolicy(EvictionPolicy.ALLKEYS_TINYLFU);
            assertIndexMatchesMap(store);
            for (int i = 0; i < 300; i++) {
                store.put(bytes(String.format("b%03d", i)), VALUE, 0, false);
            }
            assertIndexMatchesMap(store);
            store.setPolicy(EvictionPolicy.ALLKEYS_LRU);
            store.setMaxMemory(MAXMEMORY / 2);
            store.put(bytes("c000"), VALUE, 0, false);
            assertThat(store.usedMemoryBytes()).isLessThanOrEqualTo(MAXMEMORY / 2);
        }
    }

    @Test
    void setMaxMemory_loweredUnderTinylfu_evictsDownToNewBound() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = open(f, EvictionPolicy.ALLKEYS_TINYLFU)) {
            for (int i = 0; i < 300; i++) {
                store.put(bytes(String.format("a%03d", i)), VALUE, 0, false);
            }
            store.setMaxMemory(MAXMEMORY / 4);
            assertThat(store.usedMemoryBytes()).isLessThanOrEqualTo(MAXMEMORY / 4);
            assertIndexMatchesMap(store);
        }
    }

    @Test
    void volatileTinylfu_neverEvictsKeyWithoutTtl() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = open(f, EvictionPolicy.VOLATILE_TINYLFU)) {
            for (int i = 0; i < 50; i++) {
                store.put(bytes(String.format("p%03d", i)), VALUE, 0, false);
            }
            for (int i = 0; i < 500; i++) {
                store.put(bytes(String.format("v%03d", i)), VALUE, f.now.get() + 600_000, false);
            }
            for (int i = 0; i < 50; i++) {
                assertThat(store.peek(bytes(String.format("p%03d", i)))).isNotNull();
            }
            assertThat(store.usedMemoryBytes()).isLessThanOrEqualTo(MAXMEMORY);
            assertThat(((TinyLfuEviction) store.eviction()).tracks(bytes("p000"))).isFalse();
        }
    }

    private static void assertIndexMatchesMap(ChronicleStore store) {
        TinyLfuEviction index = (TinyLfuEviction) store.eviction();
        Set<String> inMap = new HashSet<>();
        store.forEachKey(k -> inMap.add(string(k)));
        Set<String> inIndex = new HashSet<>();
        index.view().keySet().forEach(k -> inIndex.add(string(k.bytes())));
        index.stagedKeys().forEach(k -> assertThat(inIndex.add(string(k.bytes()))).as("staged and indexed: " + k).isTrue());
        assertThat(inIndex).isEqualTo(inMap);
        assertThat(store.size()).isEqualTo(inMap.size());
    }
}
