package io.augur.server.prefetch;

import io.augur.predictor.model.KeyBytes;
import io.augur.predictor.vocab.HeavyKeys;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The most read keys, tracked in bounded memory (count-min sketch plus candidates) and saved to
 * {@code <dir>/hotkeys} at shutdown, so a restart knows what to warm first.
 */
final class HotKeys {

    /** Keys ranked. */
    static final int TRACKED = 10_000;
    private static final String FILE = "hotkeys";
    private static final String HEADER = "# augur hot keys v1, most read first, hex";

    private final HeavyKeys heavy = new HeavyKeys(TRACKED);
    /** Keys saved by the previous run, most read first; they rank first until this run has its own. */
    private final List<byte[]> previous;

    private HotKeys(List<byte[]> previous) {
        this.previous = previous;
    }

    /** The tracker, seeded with what {@code dir} holds from the previous run (if anything). */
    static HotKeys load(Path dir) {
        Path file = dir.resolve(FILE);
        List<byte[]> keys = new ArrayList<>();
        try {
            if (Files.exists(file)) {
                List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
                if (!lines.isEmpty() && lines.get(0).equals(HEADER)) {
                    HexFormat hex = HexFormat.of();
                    for (String line : lines.subList(1, lines.size())) {
                        keys.add(hex.parseHex(line.trim()));
                    }
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            org.slf4j.LoggerFactory.getLogger(HotKeys.class).warn("ignoring {}: {}", file, e.toString());
            keys.clear();
        }
        return new HotKeys(keys);
    }

    synchronized void record(byte[] key) {
        heavy.record(key);
    }

    /** Up to {@code n} keys, most read first: this run's ranking, then the previous run's. */
    synchronized List<byte[]> top(int n) {
        List<byte[]> out = new ArrayList<>(n);
        java.util.Set<KeyBytes> seen = new java.util.HashSet<>();
        for (KeyBytes k : heavy.top(n, 2)) {
            if (seen.add(k)) {
                out.add(k.bytes());
            }
        }
        for (byte[] k : previous) {
            if (out.size() >= n) {
                break;
            }
            if (seen.add(new KeyBytes(k))) {
                out.add(k);
            }
        }
        return out.size() > n ? out.subList(0, n) : out;
    }

    /** Whether the previous run left a ranking. */
    boolean hasPrevious() {
        return !previous.isEmpty();
    }

    synchronized void save(Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(HEADER);
        HexFormat hex = HexFormat.of();
        for (byte[] k : top(TRACKED)) {
            lines.add(hex.formatHex(k));
        }
        Files.write(dir.resolve(FILE), lines, StandardCharsets.US_ASCII);
    }
}
