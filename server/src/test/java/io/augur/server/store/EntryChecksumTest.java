package io.augur.server.store;

import net.openhft.chronicle.hash.ChecksumEntry;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.impl.CompiledMapQueryContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.function.Consumer;

import static io.augur.server.store.StoreFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A journaled rewrite may let its record go only once the entry is whole on disk, checksum
 * included: a crash after that point must find an entry that passes recovery's check.
 */
class EntryChecksumTest {

    @TempDir
    Path dir;

    @Test
    void chroniclesUpdateChecksum_onlyMarksItDue_theStoredChecksumIsStaleUntilTheContextCloses() throws Exception {
        rewriteInPlace(context -> {
            ((ChecksumEntry) context).updateChecksum();
            // Still due, not stored: a crash now leaves the old checksum beside the new bytes.
            assertThat(((CompiledMapQueryContext<?, ?, ?>) context).delayedUpdateChecksum).isTrue();
        }).close();
    }

    @Test
    void storeChecksumNow_leavesTheRewrittenEntryPassingItsChecksum_beforeTheContextCloses() throws Exception {
        ChronicleMap<byte[], byte[]> map = rewriteInPlace(context -> {
            EntryMap.storeChecksumNow(context);
            assertThat(((CompiledMapQueryContext<?, ?, ?>) context).delayedUpdateChecksum).isFalse();
            // With nothing due, checkSum compares the stored checksum with the entry's bytes.
            assertThat(((ChecksumEntry) context).checkSum()).isTrue();
        });
        try (map) {
            assertThat(map.get(bytes("k"))).asString().isEqualTo("new value");
        }
    }

    /**
     * Rewrites key k's value in place under its update lock, then lets {@code check} look at the
     * context before it closes; returns the map, open.
     */
    private ChronicleMap<byte[], byte[]> rewriteInPlace(Consumer<ExternalMapQueryContext<byte[], byte[], ?>> check) throws Exception {
        ChronicleMap<byte[], byte[]> map = map();
        map.put(bytes("k"), bytes("old value"));
        try (ExternalMapQueryContext<byte[], byte[], ?> context = map.queryContext(bytes("k"))) {
            context.updateLock().lock();
            context.entry().doReplaceValue(context.wrapValueAsData(bytes("new value")));
            check.accept(context);
        }
        return map;
    }

    private ChronicleMap<byte[], byte[]> map() throws Exception {
        return ChronicleMapBuilder.of(byte[].class, byte[].class).entries(100).averageKeySize(8)
                .averageValueSize(16).checksumEntries(true).createPersistedTo(dir.resolve("map.dat").toFile());
    }
}
