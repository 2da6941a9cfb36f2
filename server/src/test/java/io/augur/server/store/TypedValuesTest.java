package io.augur.server.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static io.augur.server.store.StoreFixture.bytes;
import static io.augur.server.store.StoreFixture.string;
import static org.assertj.core.api.Assertions.assertThat;

/** Every type lives in the same Chronicle Map as strings: type tag, expiry, eviction, reopen. */
class TypedValuesTest {

    @TempDir
    Path dir;

    @Test
    void typedPut_keepsItsTypeThroughExpiryChangesPrefetchMarkAndReopen() {
        StoreFixture f = new StoreFixture(dir);
        byte[] payload = CollectionCodec.encode(List.of(bytes("field"), bytes("value")));
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("h"), ValueType.HASH, payload, 0, true);
            store.put(bytes("z"), ValueType.ZSET, payload, 0, false);
            store.put(bytes("s"), bytes("plain"), 0, false);
            assertThat(store.setExpireAt(bytes("h"), f.now.get() + 60_000)).isTrue();
            StoredValue read = store.get(bytes("h")); // clears the prefetched mark in place
            assertThat(read.type()).isEqualTo(ValueType.HASH);
            assertThat(read.prefetched()).isTrue();
            assertThat(store.peek(bytes("h")).type()).isEqualTo(ValueType.HASH);
            assertThat(store.peek(bytes("h")).prefetched()).isFalse();
        }
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            StoredValue hash = store.peek(bytes("h"));
            assertThat(hash.type()).isEqualTo(ValueType.HASH);
            assertThat(hash.expireAtMillis()).isEqualTo(f.now.get() + 60_000);
            assertThat(CollectionCodec.decode(hash.value())).extracting(StoreFixture::string).containsExactly("field", "value");
            assertThat(store.peek(bytes("z")).type()).isEqualTo(ValueType.ZSET);
            assertThat(store.peek(bytes("s")).type()).isEqualTo(ValueType.STRING);
            assertThat(string(store.peek(bytes("s")).value())).isEqualTo("plain");
            assertThat(store.expiresCount()).isEqualTo(1);
            f.advanceSeconds(60);
            assertThat(store.get(bytes("h"))).isNull();
            assertThat(store.expiredKeys()).isEqualTo(1);
        }
    }

    @Test
    void stringEntriesWrittenWithoutATypeCode_readAsStrings() {
        // Flags byte 0 (and 1 = prefetched) is what files from before types hold.
        byte[] old = EntryCodec.encode(bytes("v"), 0, true);
        assertThat(EntryCodec.decode(old).type()).isEqualTo(ValueType.STRING);
        assertThat(EntryCodec.decode(old).prefetched()).isTrue();
        byte[] set = EntryCodec.encode(bytes("v"), 0, true, ValueType.SET);
        assertThat(EntryCodec.decode(EntryCodec.unmarked(set)).type()).isEqualTo(ValueType.SET);
        assertThat(EntryCodec.decode(EntryCodec.withExpiry(set, 5)).type()).isEqualTo(ValueType.SET);
    }

    @Test
    void collections_areEvictedLikeStrings() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = f.open(EvictionPolicy.ALLKEYS_LRU)) {
            byte[] payload = CollectionCodec.encode(List.of(new byte[500], new byte[500]));
            long entry = EntryCodec.entryBytes(2, payload.length + EntryCodec.HEADER_BYTES);
            store.setMaxMemory(entry * 5);
            for (int i = 0; i < 20; i++) {
                store.put(bytes("h" + (i % 10)), ValueType.HASH, payload, 0, false);
            }
            assertThat(store.usedMemoryBytes()).isLessThanOrEqualTo(entry * 5);
            assertThat(store.evictedKeys()).isPositive();
        }
    }

    @Test
    void collectionCodec_roundTripsEmptyLongAndBinaryElements() {
        byte[] big = new byte[70_000];
        big[69_999] = (byte) 0xFF;
        List<byte[]> elements = List.of(new byte[0], big, new byte[] {0, (byte) 0x80, 1});
        byte[] payload = CollectionCodec.encode(elements);
        assertThat(CollectionCodec.count(payload)).isEqualTo(3);
        assertThat(CollectionCodec.decode(payload)).containsExactlyElementsOf(elements);
        assertThat(CollectionCodec.decode(new byte[0])).isEmpty();
    }
}
