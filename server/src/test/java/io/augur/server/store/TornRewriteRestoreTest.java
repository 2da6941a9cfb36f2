package io.augur.server.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static io.augur.server.store.StoreFixture.bytes;
import static io.augur.server.store.StoreFixture.string;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A kill -9 in the middle of rewriting an existing entry in place tears it, and the map's recovery
 * removes it; the rewrite's journal record puts it back, so the fields already on a collection's
 * page (acknowledged long before) survive. Each crash is staged as it leaves the files: the
 * journal record pending, the entry's bytes torn, the open marker present.
 */
class TornRewriteRestoreTest {

    private static final int FIELDS = 400;

    @TempDir
    Path dir;

    @Test
    void aHashPageTornByACrashMidRewrite_isPutBack_withEveryFieldOnIt() throws Exception {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            List<byte[]> pairs = new ArrayList<>();
            for (int i = 0; i < FIELDS; i++) {
                pairs.add(bytes("field-" + i));
                pairs.add(bytes("value-" + i));
            }
            store.put(bytes("hash"), ValueType.HASH, CollectionCodec.encode(pairs), 0, false); // paged: past 128 fields
            store.fieldPut(bytes("hash"), bytes("field-40"), bytes("value-40")); // its page rewritten once
        }
        byte[][] page = rawEntryHolding(bytes("field-40"));
        crashMidRewrite(page[0], page[1]);

        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            assertThat(store.recoveryCorruptions()).isPositive();
            assertThat(store.recoveryRestored()).isEqualTo(1);
            for (int i = 0; i < FIELDS; i++) {
                assertThat(store.fieldGet(bytes("hash"), bytes("field-" + i))).asString().isEqualTo("value-" + i);
            }
        }
    }

    @Test
    void aStringTornByACrashMidRewrite_comesBackWithTheNewValue() throws Exception {
        byte[][] entry = storedString("O");
        crashMidRewrite(entry[0], withValue(entry[1], 'N'));
        assertReopensWith(1, "N");
    }

    @Test
    void aCrashBeforeTheRewriteBegan_keepsTheEntryAsItWas() throws Exception {
        byte[][] entry = storedString("O");
        leaveRecordPending(entry[0], withValue(entry[1], 'N'));
        Files.writeString(dir.resolve("augur.open"), "1");
        assertReopensWith(0, "O");
    }

    @Test
    void aRecordTornByTheCrash_isIgnored() throws Exception {
        StoreFixture f = new StoreFixture(dir);
        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("key"), bytes("O".repeat(600)), 0, false);
            store.delete(bytes("key"));
        }
        byte[] key = DatabaseKeys.qualify(0, bytes("key"));
        leaveRecordPending(key, bytes("R".repeat(600)));
        tearEvery(dir.resolve(ReplaceJournal.FILE_NAME), bytes("R".repeat(600)));
        Files.writeString(dir.resolve("augur.open"), "1");

        try (ChronicleStore store = f.open(EvictionPolicy.NOEVICTION)) {
            assertThat(store.recoveryRestored()).isZero();
            assertThat(store.get(bytes("key"))).isNull();
        }
    }

    /** "key" stored with a value of 600 times {@code c}; returns its stored key and bytes. */
    private byte[][] storedString(String c) {
        try (ChronicleStore store = new StoreFixture(dir).open(EvictionPolicy.NOEVICTION)) {
            store.put(bytes("key"), bytes(c.repeat(600)), 0, false);
        }
        return rawEntryHolding(bytes(c.repeat(600)));
    }

    /** The next open restores {@code restored} entries and finds "key" holding 600 times {@code c}. */
    private void assertReopensWith(int restored, String c) {
        try (ChronicleStore store = new StoreFixture(dir).open(EvictionPolicy.NOEVICTION)) {
            assertThat(store.recoveryRestored()).isEqualTo(restored);
            assertThat(string(store.get(bytes("key")).value())).isEqualTo(c.repeat(600));
        }
    }

    /** A stored string entry's bytes with its 600-byte value rewritten as 600 times {@code c}. */
    private static byte[] withValue(byte[] stored, char c) {
        byte[] rewritten = stored.clone();
        Arrays.fill(rewritten, rewritten.length - 600, rewritten.length, (byte) c);
        return rewritten;
    }

    /** The stored key and raw bytes of the one entry whose bytes contain {@code part}. */
    private byte[][] rawEntryHolding(byte[] part) {
        AtomicReference<byte[][]> found = new AtomicReference<>();
        try (StoreFile file = StoreFile.open(new StoreFixture(dir).config(EvictionPolicy.NOEVICTION).build())) {
            file.map().forEachRaw((k, v) -> {
                byte[] raw = EntryMap.copyOf(v);
                if (indexOf(raw, part) >= 0) {
                    found.set(new byte[][] {EntryMap.copyOf(k), raw});
                    return false;
                }
                return true;
            });
        }
        assertThat(found.get()).as("an entry holding the bytes").isNotNull();
        return found.get();
    }

    /** The journal record of the rewrite pending, the entry's old bytes torn, the open marker left. */
    private void crashMidRewrite(byte[] key, byte[] rewritten) throws Exception {
        byte[] old;
        try (StoreFile file = StoreFile.open(new StoreFixture(dir).config(EvictionPolicy.NOEVICTION).build())) {
            old = file.map().readRaw(key);
        }
        leaveRecordPending(key, rewritten);
        tearEvery(dir.resolve("augur.dat"), Arrays.copyOfRange(old, old.length - 64, old.length));
        Files.writeString(dir.resolve("augur.open"), "1");
    }

    /** The record written and pending, and the process gone before it rewrote the entry or let the record go. */
    private void leaveRecordPending(byte[] key, byte[] bytes) {
        try (ReplaceJournal journal = ReplaceJournal.open(dir, 1 << 20)) {
            journal.begin(key, bytes);
        }
    }

    private static int indexOf(byte[] in, byte[] part) {
        return indexOf(in, part, 0);
    }

    private static int indexOf(byte[] in, byte[] part, int from) {
        for (int i = from; i + part.length <= in.length; i++) {
            if (Arrays.equals(in, i, i + part.length, part, 0, part.length)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Changes one byte in the middle of every occurrence of {@code pattern} in the file: the live
     * entry's, and stale copies in freed chunks, which no one reads.
     */
    private static void tearEvery(Path file, byte[] pattern) throws Exception {
        byte[] content = Files.readAllBytes(file);
        int torn = 0;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            for (int at = indexOf(content, pattern, 0); at >= 0; at = indexOf(content, pattern, at + 1)) {
                raf.seek(at + pattern.length / 2);
                raf.write(content[at + pattern.length / 2] ^ 0x55);
                torn++;
            }
        }
        assertThat(torn).as("bytes found in " + file).isPositive();
    }
}
