package io.augur.predictor.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads the replay trace format (see {@code shared/traces/README.md}): gzip or plain text, one read
 * per line, {@code key} or {@code client key}; lines starting with {@code #} are comments.
 */
public final class TraceReader {

    /** Header comment giving the simulated time between reads, e.g. {@code # millis-per-read: 3000}. */
    public static final String MILLIS_PER_READ = "# millis-per-read:";

    private TraceReader() {
    }

    public static Trace read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(name(file), in);
        }
    }

    /** Reads a trace from a stream, gzip-compressed or not (told by its magic bytes). */
    public static Trace read(String name, InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        byte[] magic = in.readNBytes(2);
        in.unread(magic);
        InputStream text = magic.length == 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b
                ? new GZIPInputStream(in, 1 << 16) : in;
        KeyTable table = new KeyTable();
        int[] keys = new int[1 << 16];
        int[] clients = new int[1 << 16];
        int n = 0;
        long millisPerRead = 1;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(text, StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                line = line.strip();
                if (line.startsWith(MILLIS_PER_READ)) {
                    millisPerRead = Long.parseLong(line.substring(MILLIS_PER_READ.length()).trim());
                    continue;
                }
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int space = line.indexOf(' ');
                int client = 0;
                String key = line;
                if (space >= 0) {
                    try {
                        client = Integer.parseInt(line.substring(0, space));
                    } catch (NumberFormatException e) {
                        throw new IOException(name + ":" + lineNumber + ": client is not a number: " + line);
                    }
                    key = line.substring(space + 1).strip();
                }
                if (n == keys.length) {
                    keys = Arrays.copyOf(keys, n * 2);
                    clients = Arrays.copyOf(clients, n * 2);
                }
                keys[n] = table.idOf(key.getBytes(StandardCharsets.UTF_8));
                clients[n] = client;
                n++;
            }
        }
        return new Trace(name, Arrays.copyOf(keys, n), Arrays.copyOf(clients, n), table, table.size(), millisPerRead);
    }

    private static String name(Path file) {
        String name = file.getFileName().toString();
        for (String suffix : new String[]{".gz", ".trace", ".txt"}) {
            if (name.endsWith(suffix)) {
                name = name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }
}
