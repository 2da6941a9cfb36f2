package io.augur.server.info;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's resident set size, as INFO's `used_memory_rss`: what the operating system holds in
 * RAM for Augur (JVM heap, the store's mapped pages that are resident, code, thread stacks).
 */
final class ResidentMemory {

    /** Linux's per-process status file; its VmRSS line is in kB. */
    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {
    }

    /** Bytes resident, or 0 where /proc is not available (not Linux). */
    static long bytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String kb = line.substring("VmRSS:".length()).trim().split("\\s+")[0];
                    return Long.parseLong(kb) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
