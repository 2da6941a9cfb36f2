package io.augur.server.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static io.augur.server.store.StoreFixture.bytes;
import static io.augur.server.store.StoreFixture.string;
import static org.assertj.core.api.Assertions.assertThat;

/** GET's read (Store.readString): what it reports, what it copies into the sink, and what it leaves as get() would. */
class StringReadTest {

    @TempDir
    Path dir;

    /** A sink that hands out one buffer and remembers the length asked for. */
    private static final class Sink implements ValueSink {
        final byte[] buffer = new byte[64];
        int length = -1;

        @Override
        public byte[] buffer(int length) {
            this.length = length;
            return buffer;
        }

        String value() {
            return string(Arrays.copyOf(buffer, length));
        }
    }

    @Test
    void aString_isCopiedIntoTheSink_andAPrefetchedOneIsReportedOnce() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("plain"), bytes("hello"), 0, false);
            store.put(bytes("ahead"), bytes("loaded early"), 0, true);
            Sink sink = new Sink();
            assertThat(store.readString(bytes("plain"), sink)).isEqualTo(StringRead.HIT);
            assertThat(sink.value()).isEqualTo("hello");
            assertThat(store.readString(bytes("ahead"), sink)).isEqualTo(StringRead.HIT_PREFETCHED);
            assertThat(sink.value()).isEqualTo("loaded early");
            assertThat(store.readString(bytes("ahead"), sink)).isEqualTo(StringRead.HIT); // read now
            assertThat(store.peek(bytes("ahead")).prefetched()).isFalse();
        }
    }

    @Test
    void anAbsentOrExpiredKey_isAbsent_andTheExpiredOneIsRemoved() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("short"), bytes("lived"), f.now.get() + 1_000, false);
            Sink sink = new Sink();
            assertThat(store.readString(bytes("never"), sink)).isEqualTo(StringRead.ABSENT);
            f.advanceSeconds(2);
            assertThat(store.readString(bytes("short"), sink)).isEqualTo(StringRead.ABSENT);
            assertThat(sink.length).as("nothing copied").isEqualTo(-1);
            assertThat(store.size()).isZero();
            assertThat(store.expiredKeys()).isEqualTo(1);
        }
    }

    @Test
    void anotherType_isReportedWithoutBeingCopiedOrTouched() {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("list"), ValueType.LIST, CollectionCodec.encode(java.util.List.of(bytes("a"))), 0, true);
            Sink sink = new Sink();
            assertThat(store.readString(bytes("list"), sink)).isEqualTo(StringRead.WRONG_TYPE);
            assertThat(sink.length).isEqualTo(-1);
            assertThat(store.peek(bytes("list")).prefetched()).as("left for the usual read to count").isTrue();
        }
    }
}
