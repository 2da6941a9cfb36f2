package io.augur.server.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads a redis.conf-style file: one `name value` per line, `#` comments, quoted values allowed. */
public final class ConfigFile {

    /** One `name value` line of the file, with its line number for error messages. */
    public record Entry(String name, String value, int line) {
    }

    private ConfigFile() {
    }

    public static List<Entry> read(Path file) throws IOException {
        List<Entry> entries = new ArrayList<>();
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int space = indexOfWhitespace(line);
            String name = space < 0 ? line : line.substring(0, space);
            String value = space < 0 ? "" : unquote(line.substring(space).strip());
            entries.add(new Entry(name.toLowerCase(java.util.Locale.ROOT), value, i + 1));
        }
        return entries;
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
