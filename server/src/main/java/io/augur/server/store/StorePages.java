package io.augur.server.store;

import net.openhft.posix.MAdviseFlag;
import net.openhft.posix.Mapping;
import net.openhft.posix.PosixAPI;
import net.openhft.posix.ProcMaps;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

/**
 * Keeps the data file's untouched pages out of the resident set: the kernel's read-ahead pages in
 * about 128 KB around every first touch of a mapped file, and Chronicle touches each segment's
 * header when it creates or opens the map (256 segments at the default capacity: 30 MB of the
 * sparse file's holes, resident in an empty store).
 */
final class StorePages {

    /*
     * After the open, the file's mappings are advised MADV_RANDOM (no read-ahead: a page is read
     * when it is touched) and MADV_DONTNEED (unmapped from this process; the mapping is shared, so
     * a dirty page stays in the page cache and is written back, and the next touch maps it again
     * from the file). Nothing of the data changes; only what counts as resident does. Where
     * madvise is not available (not Linux), the pages simply stay.
     */

    private static final Logger LOG = LoggerFactory.getLogger(StorePages.class);

    private StorePages() {
    }

    /** Advises every mapping of {@code file} random access and drops its mapped pages; returns the bytes advised. */
    static long releaseReadAhead(Path file) {
        String path = file.toAbsolutePath().normalize().toString();
        try {
            List<Mapping> mappings = ProcMaps.forSelf().findAll(m -> path.equals(m.path()));
            PosixAPI posix = PosixAPI.posix();
            long advised = 0;
            for (Mapping m : mappings) {
                if (posix.madvise(m.addr(), m.length(), MAdviseFlag.MADV_RANDOM) == 0
                        && posix.madvise(m.addr(), m.length(), MAdviseFlag.MADV_DONTNEED) == 0) {
                    advised += m.length();
                }
            }
            return advised;
        } catch (Exception | LinkageError e) {
            LOG.debug("data file pages not advised: {}", e.toString());
            return 0;
        }
    }
}
