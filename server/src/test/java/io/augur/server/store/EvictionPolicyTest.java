package io.augur.server.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.augur.server.store.StoreFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Which key each maxmemory policy evicts, in situations built so the answer is certain: one
 * segment and maxmemory-samples above the number of keys, so every key is a candidate.
 */
class EvictionPolicyTest {

    private static final byte[] VALUE = new byte[50];

    @TempDir
    Path dir;

    /** Five keys k0..k4, the given ones with a TTL of ttlSeconds[i] (0 = none), maxmemory = exactly them. */
    private ChronicleStore fullStore(StoreFixture f, EvictionPolicy policy, long... ttlSeconds) {
        ChronicleStore store = f.open(policy);
        for (int i = 0; i < 5; i++) {
            long ttl = i < ttlSeconds.length ? ttlSeconds[i] : 0;
            store.put(bytes("k" + i), VALUE, ttl == 0 ? 0 : f.now.get() + ttl * 1000, false);
        }
        store.setMaxMemory(store.usedMemoryBytes());
        return store;
    }

    @Test
    void sampledEviction_onAStoreOfAFewKeysInManySegments_alwaysFindsAVictim() {
        StoreFixture f = new StoreFixture(dir);
        // 1M entries: 256 segments, of which 4 keys fill at most 4. Drawing 16 segments at random often
        // found none, and a pool holding only keys already evicted ended the search too: the write
        // failed with OOM though every key was evictable.
        try (ChronicleStore store = ChronicleStore.open(f.config(EvictionPolicy.ALLKEYS_RANDOM).entries(1_000_000)
                .build())) {
            for (int i = 0; i < 4; i++) {
                store.put(bytes("k" + i), VALUE, 0, false);
            }
            long bound = store.usedMemoryBytes();
            store.setMaxMemory(bound);
            for (int i = 4; i < 200; i++) {
                store.put(bytes("k" + i), VALUE, 0, false); // each write evicts what it needs; none fails
            }
            assertThat(store.usedMemoryBytes()).isLessThanOrEqualTo(bound);
            assertThat(store.size()).isBetween(1L, 4L); // longer keys ("k123"), so perhaps one fewer fits
            assertThat(store.evictedKeys()).isEqualTo(200 - store.size());
        }
    }

    /** Reads the keys in this order, a second apart (the LRU clock counts seconds). */
    private static void readInOrder(StoreFixture f, ChronicleStore store, int... keys) {
        for (int k : keys) {
            f.advanceSeconds(1);
            assertThat(store.get(bytes("k" + k))).isNotNull();
        }
    }

    private static List<String> missing(ChronicleStore store) {
        List<String> gone = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            if (store.peek(bytes("k" + i)) == null) {
                gone.add("k" + i);
            }
        }
        return gone;
    }

    /** Writes a key as large as each of k0..k4, so exactly one of them must go. */
    private static void writeNewKey(ChronicleStore store, String key) {
        store.put(bytes(key), VALUE, 0, false);
    }

    @Test
    void allkeysLru_evictsLeastRecentlyRead() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = fullStore(f, EvictionPolicy.ALLKEYS_LRU)) {
            readInOrder(f, store, 3, 0, 4, 1, 2);
            writeNewKey(store, "n0");
            assertThat(missing(store)).containsExactly("k3");
            assertThat(store.evictedKeys()).isEqualTo(1);
        }
    }

    @Test
    void allkeysLfu_evictsLeastFrequentlyRead() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = fullStore(f, EvictionPolicy.ALLKEYS_LFU)) {
            // The first read of a key always raises Redis's LFU counter (5 -> 6); k2 is never read.
            readInOrder(f, store, 0, 1, 3, 4, 0, 1, 3, 4);
            writeNewKey(store, "n0");
            assertThat(missing(store)).containsExactly("k2");
        }
    }

    @Test
    void allkeysRandom_evictsOneExistingKey_neverTheNewOne() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = fullStore(f, EvictionPolicy.ALLKEYS_RANDOM)) {
            writeNewKey(store, "n0");
            assertThat(missing(store)).hasSize(1);
            assertThat(store.peek(bytes("n0"))).isNotNull();
            assertThat(store.size()).isEqualTo(5);
        }
    }

    @Test
    void volatileLru_evictsLeastRecentlyReadKeyWithTtl_notAnOlderKeyWithout() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = fullStore(f, EvictionPolicy.VOLATILE_LRU, 0, 0, 100, 100, 100)) {
            readInOrder(f, store, 0, 1, 3, 2, 4);
            writeNewKey(store, "n0");
            assertThat(missing(store)).containsExactly("k3");
        }
    }

    @Test
    void volatileLfu_evictsLeastFrequentlyReadKeyWithTtl_notARarerKeyWithout() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = fullStore(f, EvictionPolicy.VOLATILE_LFU, 0, 100, 100, 100, 100)) {
            readInOrder(f, store, 1, 2, 4, 1, 2, 4); // k0 (no TTL) and k3 are never read
            writeNewKey(store, "n0");
            assertThat(missing(store)).containsExactly("k3");
        }
    }

    @Test
    void volatileRandom_evictsOnlyKeysWithTtl_thenRefuses() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = fullStore(f, EvictionPolicy.VOLATILE_RANDOM, 0, 0, 100, 100, 100)) {
            writeNewKey(store, "n1");
            writeNewKey(store, "n2");
            writeNewKey(store, "n3");
            assertThat(missing(store)).containsExactlyInAnyOrder("k2", "k3", "k4");
            assertThatThrownBy(() -> writeNewKey(store, "n4")).isInstanceOf(OutOfMemoryException.class);
            assertThat(store.peek(bytes("k0"))).isNotNull();
        }
    }

    @Test
    void volatileTtl_evictsNearestExpiry() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = fullStore(f, EvictionPolicy.VOLATILE_TTL, 0, 500, 100, 300, 200)) {
            writeNewKey(store, "n1");
            assertThat(missing(store)).containsExactly("k2");
            writeNewKey(store, "n2");
            assertThat(missing(store)).containsExactly("k2", "k4");
        }
    }

    @Test
    void noeviction_refusesWriteWithOom_andKeepsEveryKey() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = fullStore(f, EvictionPolicy.NOEVICTION)) {
            assertThatThrownBy(() -> writeNewKey(store, "n0")).isInstanceOf(OutOfMemoryException.class)
                    .hasMessage("OOM command not allowed when used memory > 'maxmemory'.");
            assertThat(missing(store)).isEmpty();
            assertThat(store.peek(bytes("n0"))).isNull();
            store.put(bytes("k1"), VALUE, 0, false); // an overwrite of the same size still fits
        }
    }

    @Test
    void setEvictionSamples_raisedLive_makesSampledLruExact() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = ChronicleStore.open(f.config(EvictionPolicy.ALLKEYS_LRU).evictionSamples(1).build())) {
            int keys = 60;
            for (int i = 0; i < keys; i++) {
                store.put(bytes(String.format("k%02d", i)), VALUE, 0, false);
            }
            store.setMaxMemory(store.usedMemoryBytes());
            for (int i = 0; i < keys; i++) {
                f.advanceSeconds(1);
                store.get(bytes(String.format("k%02d", i))); // k00 is now the least recently read, k59 the most
            }
            for (int i = 0; i < 5; i++) {
                writeNewKey(store, String.format("n%02d", i));
            }
            List<String> gone = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                if (store.peek(bytes(String.format("k%02d", i))) == null) {
                    gone.add(String.format("k%02d", i));
                }
            }
            // One random sample per eviction (which may even pick a new key written a moment before):
            // evicting exactly the five oldest has odds of about 1e-9.
            assertThat(store.evictedKeys()).isEqualTo(5);
            assertThat(gone).isNotEqualTo(List.of("k00", "k01", "k02", "k03", "k04"));

            store.setEvictionSamples(StoreFixture.ALL_SAMPLES);
            String oldestLeft = null;
            for (int i = 0; i < keys && oldestLeft == null; i++) {
                if (store.peek(bytes(String.format("k%02d", i))) != null) {
                    oldestLeft = String.format("k%02d", i);
                }
            }
            writeNewKey(store, "n99");
            assertThat(store.peek(bytes(oldestLeft))).as("least recently read after raising samples").isNull();
            assertThat(store.evictionSamples()).isEqualTo(StoreFixture.ALL_SAMPLES);
        }
    }
}
