package io.augur.server.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** A real Chronicle store in a temp dir with a clock the test moves; one segment, so sampling sees every key. */
final class StoreFixture {

    /** Few enough entries that the map has a single segment (see StoreFile.segmentsFor). */
    static final long ONE_SEGMENT_ENTRIES = 1000;
    /** The ceiling of maxmemory-samples: with fewer keys than this, sampled policies see every key. */
    static final int ALL_SAMPLES = 64;

    final AtomicLong now = new AtomicLong(1_700_000_000_000L);
    private final Path dir;

    StoreFixture(Path dir) {
        this.dir = dir;
    }

    StoreConfig.Builder config(EvictionPolicy policy) {
        return StoreConfig.builder().dir(dir).entries(ONE_SEGMENT_ENTRIES).policy(policy)
                .evictionSamples(ALL_SAMPLES).clockMillis(now::get);
    }

    ChronicleStore open(EvictionPolicy policy) {
        return ChronicleStore.open(config(policy).build());
    }

    void advanceSeconds(long seconds) {
        now.addAndGet(seconds * 1000);
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String string(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
