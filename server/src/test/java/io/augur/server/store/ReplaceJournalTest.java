package io.augur.server.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.augur.server.store.StoreFixture.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/** The rewrite journal's records: pending from begin to end, found by the next open, in a slot or past it. */
class ReplaceJournalTest {

    @TempDir
    Path dir;

    @Test
    void aRewriteThatEnded_leavesNothingPending() {
        try (ReplaceJournal journal = ReplaceJournal.open(dir, 1 << 20)) {
            journal.end(journal.begin(bytes("k"), bytes("v")));
            assertThat(journal.pending()).isEmpty();
        }
        try (ReplaceJournal reopened = ReplaceJournal.open(dir, 1 << 20)) {
            assertThat(reopened.pending()).isEmpty();
        }
    }

    @Test
    void aRecordLeftPending_isFoundByTheNextOpen_smallOrPastItsSlot_evenWithAnotherSizeLimit() {
        byte[] large = "L".repeat(ReplaceJournal.SLOT_MAPPED_BYTES * 3).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        try (ReplaceJournal journal = ReplaceJournal.open(dir, 1 << 20)) {
            journal.begin(bytes("small"), bytes("new bytes")); // the process dies here
        }
        try (ReplaceJournal journal = ReplaceJournal.open(dir, 1 << 20)) {
            assertThat(journal.pending()).singleElement().satisfies(p -> {
                assertThat(p.key()).isEqualTo(bytes("small"));
                assertThat(p.bytes()).isEqualTo(bytes("new bytes"));
            });
            journal.settle();
            Thread other = new Thread(() -> journal.begin(bytes("large"), large)); // another stripe's slot
            other.start();
            join(other);
        }
        try (ReplaceJournal journal = ReplaceJournal.open(dir, 4 << 20)) { // a larger max-value-size now
            assertThat(journal.pending()).singleElement().satisfies(p -> {
                assertThat(p.key()).isEqualTo(bytes("large"));
                assertThat(p.bytes()).isEqualTo(large);
            });
        }
    }

    @Test
    void aPendingHeaderWithLengthsPastOneArray_isIgnored_evenInAFileThatLarge() throws Exception {
        try (ReplaceJournal journal = ReplaceJournal.open(dir, 1 << 20)) {
            journal.begin(bytes("k"), bytes("v"));
        }
        Path file = dir.resolve(ReplaceJournal.FILE_NAME);
        try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(5L << 30); // sparse: as large as 8 slots of a 512 MB max-value-size
            byte[] torn = java.nio.ByteBuffer.allocate(8) // big-endian, as the mapped slots
                    .putInt(1_500_000_000).putInt(1_500_000_000).array(); // key and value lengths
            for (int stripe = 0; stripe < ReplaceJournal.STRIPES; stripe++) { // whichever slot holds the record
                raf.seek((long) stripe * ReplaceJournal.SLOT_MAPPED_BYTES + 4);
                raf.write(torn);
            }
        }
        try (ReplaceJournal journal = ReplaceJournal.open(dir, 1 << 20)) {
            assertThat(journal.pending()).isEmpty();
        }
    }

    private static void join(Thread thread) {
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
