package io.augur.server.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static io.augur.server.store.StoreFixture.bytes;
import static io.augur.server.store.StoreFixture.string;
import static org.assertj.core.api.Assertions.assertThat;

/** Databases inside the one Chronicle Map: isolation, per-database counts, SWAPDB, FLUSHDB, old files. */
class DatabaseStoreTest {

    @TempDir
    Path dir;

    @Test
    void sameKeyInTwoDatabases_isTwoEntries_countedPerDatabase() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.database(0).put(bytes("k"), bytes("zero"), 0, false);
            store.database(3).put(bytes("k"), bytes("three"), f.now.get() + 10_000, false);
            assertThat(string(store.database(0).get(bytes("k")).value())).isEqualTo("zero");
            assertThat(string(store.database(3).get(bytes("k")).value())).isEqualTo("three");
            assertThat(store.database(1).get(bytes("k"))).isNull();
            assertThat(store.database(0).size()).isEqualTo(1);
            assertThat(store.database(3).size()).isEqualTo(1);
            assertThat(store.database(3).expiresCount()).isEqualTo(1);
            assertThat(store.database(0).expiresCount()).isZero();
            assertThat(store.size()).isEqualTo(2);
        }
    }

    @Test
    void keyStartingWithTagByte_inDatabaseZero_doesNotCollideWithOtherDatabases() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            byte[] looksTagged = {(byte) 0xFF, 3, 'k'};
            store.database(0).put(looksTagged, bytes("db0"), 0, false);
            store.database(3).put(bytes("k"), bytes("db3"), 0, false);
            assertThat(string(store.database(0).get(looksTagged).value())).isEqualTo("db0");
            assertThat(string(store.database(3).get(bytes("k")).value())).isEqualTo("db3");
            List<byte[]> keys = new ArrayList<>();
            store.database(0).forEachKey(keys::add);
            assertThat(keys).containsExactly(looksTagged);
        }
    }

    @Test
    void scanKeysAndRandomKey_inOneDatabase_seeOnlyItsKeysUnqualified() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            for (int i = 0; i < 20; i++) {
                store.database(0).put(bytes("zero" + i), bytes("v"), 0, false);
            }
            store.database(5).put(bytes("five"), bytes("v"), 0, false);
            Store.ScanPage page = store.database(5).scan(0, 1000, k -> true);
            assertThat(page.keys()).extracting(StoreFixture::string).containsExactly("five");
            assertThat(string(store.database(5).randomKey())).isEqualTo("five");
            assertThat(store.database(6).randomKey()).isNull();
            List<String> keys = new ArrayList<>();
            store.database(0).forEachKey(k -> keys.add(string(k)));
            assertThat(keys).hasSize(20).allMatch(k -> k.startsWith("zero"));
        }
    }

    @Test
    void clearOfOneDatabase_leavesTheOthers() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.database(0).put(bytes("a"), bytes("v"), 0, false);
            store.database(2).put(bytes("a"), bytes("v"), f.now.get() + 5_000, false);
            store.database(2).put(bytes("b"), bytes("v"), 0, false);
            store.database(2).clear();
            assertThat(store.database(2).size()).isZero();
            assertThat(store.database(2).expiresCount()).isZero();
            assertThat(store.database(0).get(bytes("a"))).isNotNull();
            assertThat(store.size()).isEqualTo(1);
            assertThat(store.expiresCount()).isZero();
        }
    }

    @Test
    void swapDatabases_tradesContents_andSurvivesReopen() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.database(0).put(bytes("k"), bytes("zero"), 0, false);
            store.database(1).put(bytes("k"), bytes("one"), 0, false);
            store.database(1).put(bytes("only-one"), bytes("x"), 0, false);
            store.swapDatabases(0, 1);
            assertThat(string(store.database(0).get(bytes("k")).value())).isEqualTo("one");
            assertThat(store.database(0).size()).isEqualTo(2);
            assertThat(store.database(1).size()).isEqualTo(1);
            store.database(0).put(bytes("after"), bytes("swap"), 0, false);
        }
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            assertThat(string(store.database(0).get(bytes("k")).value())).isEqualTo("one");
            assertThat(string(store.database(0).get(bytes("after")).value())).isEqualTo("swap");
            assertThat(string(store.database(1).get(bytes("k")).value())).isEqualTo("zero");
            assertThat(store.database(0).size()).isEqualTo(3);
            List<String> keys = new ArrayList<>();
            store.database(0).forEachKey(k -> keys.add(string(k)));
            assertThat(keys).containsExactlyInAnyOrder("k", "only-one", "after");
        }
    }

    @Test
    void clearAll_afterSwap_keepsTheSwappedTable() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.swapDatabases(0, 1);
            store.clear();
            store.database(0).put(bytes("k"), bytes("v"), 0, false);
        }
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            assertThat(store.database(0).get(bytes("k"))).isNotNull();
            assertThat(store.size()).isEqualTo(1);
        }
    }

    @Test
    void fileFromBeforeDatabases_opensAsDatabaseZero_andRewritesTagLikeKeys() {
        StoreFixture f = new StoreFixture(dir);
        byte[] plain = bytes("plain");
        byte[] tagLike = {(byte) 0xFF, 2, 'x'};
        try (StoreFile file = StoreFile.open(f.config(EvictionPolicy.NOEVICTION).build())) {
            // Written as an Augur without databases wrote it: raw keys, no table entry.
            file.map().write(plain, EntryCodec.encode(bytes("p"), 0, false));
            file.map().write(tagLike, EntryCodec.encode(bytes("t"), 0, false));
        }
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            assertThat(store.migratedKeys()).isEqualTo(1);
            assertThat(string(store.database(0).get(plain).value())).isEqualTo("p");
            assertThat(string(store.database(0).get(tagLike).value())).isEqualTo("t");
            assertThat(store.database(2).size()).isZero();
            assertThat(store.database(0).size()).isEqualTo(2);
        }
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            assertThat(store.migratedKeys()).isZero();
            assertThat(string(store.database(0).get(tagLike).value())).isEqualTo("t");
        }
    }

    @Test
    void eviction_reportsQualifiedKeys_toTheRemovalListener() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            List<byte[]> expired = new ArrayList<>();
            store.addRemovalListener((key, value, cause) -> expired.add(key));
            store.swapDatabases(1, 4);
            store.database(1).put(bytes("k"), bytes("v"), f.now.get() + 1_000, false);
            f.advanceSeconds(2);
            assertThat(store.database(1).get(bytes("k"))).isNull();
            assertThat(expired).containsExactly(DatabaseKeys.qualify(1, bytes("k")));
        }
    }
}
