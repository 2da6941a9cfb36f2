package io.augur.server.store;

import net.openhft.chronicle.hash.serialization.impl.ByteArrayDataAccess;
import net.openhft.chronicle.hash.serialization.impl.ByteArraySizedReader;
import net.openhft.chronicle.map.ChronicleMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.augur.server.store.StoreFixture.bytes;
import static io.augur.server.store.StoreFixture.string;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys and values reach Chronicle through a reused buffer (CopiedBytesAccess), small and large
 * alike; a data file created before it, whose header names Chronicle's own ByteArrayDataAccess,
 * still opens, reads and writes.
 */
class CopiedBytesAccessTest {

    @TempDir
    Path dir;

    @Test
    void keysAndValuesOnBothSidesOfTheCopiedSize_roundTrip_andOverwriteEachOther() {
        StoreFixture f = new StoreFixture(dir);
        String large = "L".repeat(CopiedBytesAccess.COPIED_BYTES + 100);
        String key = "k".repeat(CopiedBytesAccess.COPIED_BYTES + 1);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("small"), bytes("v1"), 0, false);
            store.put(bytes("big"), bytes(large), 0, false);
            store.put(bytes(key), bytes("long key"), 0, false);
            store.put(bytes("small"), bytes(large), 0, false); // the same context, a wrapped value after a copied one
            store.put(bytes("big"), bytes("v2"), 0, false);
            assertThat(string(store.get(bytes("small")).value())).isEqualTo(large);
            assertThat(string(store.get(bytes("big")).value())).isEqualTo("v2");
            assertThat(string(store.get(bytes(key)).value())).isEqualTo("long key");
        }
        assertThat(header(dir.resolve("augur.dat"))).contains(CopiedBytesAccess.class.getName());
    }

    @Test
    void aFileCreatedWithChroniclesOwnByteArrayAccess_opensAndKeepsIt() throws Exception {
        StoreFixture f = new StoreFixture(dir);
        StoreConfig config = f.config(EvictionPolicy.NOEVICTION).build();
        try (ChronicleMap<byte[], byte[]> old = StoreFile.builder(config)
                .keyReaderAndDataAccess(ByteArraySizedReader.INSTANCE, new ByteArrayDataAccess())
                .valueReaderAndDataAccess(ByteArraySizedReader.INSTANCE, new ByteArrayDataAccess())
                .createPersistedTo(dir.resolve("augur.dat").toFile())) {
            assertThat(old.size()).isZero();
        }
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("key"), bytes("value"), 0, false);
        }
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            assertThat(string(store.get(bytes("key")).value())).isEqualTo("value");
        }
        assertThat(header(dir.resolve("augur.dat")))
                .contains(ByteArrayDataAccess.class.getName())
                .doesNotContain(CopiedBytesAccess.class.getName());
    }

    private static String header(Path file) {
        try (var in = Files.newInputStream(file)) {
            return new String(in.readNBytes(64 * 1024), StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
