package io.augur.server.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.augur.server.store.StoreFixture.bytes;
import static io.augur.server.store.StoreFixture.string;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An entry whose bytes a crash tore (its checksum no longer matches) is found by the recovery
 * after an unclean stop, removed, and counted, so the loss is never silent.
 */
class TornEntryRecoveryTest {

    @TempDir
    Path dir;

    @Test
    void anEntryTornByACrash_isRemovedByRecovery_andCounted() throws Exception {
        StoreFixture f = new StoreFixture(dir);
        String torn = "T".repeat(600);
        String kept = "K".repeat(600);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("torn"), bytes(torn), 0, false);
            store.put(bytes("kept"), bytes(kept), 0, false);
            assertThat(store.recoveryCorruptions()).isZero();
        }
        // As a kill -9 in the middle of rewriting "torn" leaves it: one byte of its value changed,
        // and the open marker still there.
        Path data = dir.resolve("augur.dat");
        tearFirst(data, torn.getBytes(StandardCharsets.US_ASCII));
        Files.writeString(dir.resolve("augur.open"), "1");

        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            assertThat(store.recovered()).isTrue();
            assertThat(store.recoveryCorruptions()).isPositive();
            assertThat(store.get(bytes("torn"))).isNull();
            assertThat(string(store.get(bytes("kept")).value())).isEqualTo(kept);
        }
    }

    /** Changes one byte in the middle of the first occurrence of {@code pattern} in the file. */
    private static void tearFirst(Path file, byte[] pattern) throws Exception {
        byte[] content = Files.readAllBytes(file);
        for (int i = 0; i + pattern.length <= content.length; i++) {
            int j = 0;
            while (j < pattern.length && content[i + j] == pattern[j]) {
                j++;
            }
            if (j == pattern.length) {
                try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
                    raf.seek(i + pattern.length / 2);
                    raf.write('x');
                }
                return;
            }
        }
        throw new AssertionError("value not found in the data file");
    }
}
