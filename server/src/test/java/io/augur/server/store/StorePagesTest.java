package io.augur.server.store;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static io.augur.server.store.StoreFixture.bytes;
import static io.augur.server.store.StoreFixture.string;
import static org.assertj.core.api.Assertions.assertThat;

/** Dropping the data file's mapped pages keeps every value: they are read back from the file. */
class StorePagesTest {

    @TempDir
    Path dir;

    @Test
    void releasingTheMappedPages_findsTheDataFilesMapping_andEveryValueReadsBack() {
        Assumptions.assumeTrue(Files.exists(Path.of("/proc/self/maps")), "madvise is advised on Linux only");
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            for (int i = 0; i < 200; i++) {
                store.put(bytes("key:" + i), bytes("value:" + i), 0, false);
            }
            assertThat(StorePages.releaseReadAhead(dir.resolve("augur.dat"))).isPositive();
            for (int i = 0; i < 200; i++) {
                assertThat(string(store.get(bytes("key:" + i)).value())).isEqualTo("value:" + i);
            }
            store.put(bytes("after"), bytes("written after the release"), 0, false);
        }
        try (ChronicleStore reopened = f.open(EvictionPolicy.NOEVICTION)) {
            assertThat(reopened.size()).isEqualTo(201);
            assertThat(string(reopened.get(bytes("after")).value())).isEqualTo("written after the release");
        }
    }
}
