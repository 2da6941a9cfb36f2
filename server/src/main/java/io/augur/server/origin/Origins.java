package io.augur.server.origin;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens the origin backend a URI names.
 */
public final class Origins {

    private static final String EXPECTED =
            "expected: http(s)://host[:port]/path/{key}, redis[s]://host:port[/db], file:///dir, sim://?latency=5ms or none";

    private Origins() {
    }

    /**
     * Opens the backend for {@code uri} without guards; a bad or unsupported URI throws
     * IllegalArgumentException with one line that says what was expected.
     */
    public static Origin open(String uri, OriginSettings settings) {
        String text = uri == null ? "" : uri.trim();
        if (text.isEmpty() || text.equalsIgnoreCase("none")) {
            return new NoOrigin();
        }
        int colon = text.indexOf(':');
        String scheme = colon < 0 ? "" : text.substring(0, colon).toLowerCase(Locale.ROOT);
        return switch (scheme) {
            case "http", "https" -> new HttpOrigin(text, settings);
            case "redis", "rediss" -> new RedisOrigin(text, settings);
            case "file" -> new FileOrigin(directory(text), settings);
            case "sim" -> SimulatedOrigin.fromQuery(simQuery(text), settings);
            default -> throw new IllegalArgumentException("origin: " + redacted(text) + " (" + EXPECTED + ")");
        };
    }

    /** Opens the backend for {@code uri} behind a {@link GuardedOrigin}, as the server uses it. */
    public static GuardedOrigin openGuarded(String uri, OriginSettings settings) {
        return new GuardedOrigin(open(uri, settings), settings);
    }

    private static Path directory(String text) {
        Path directory;
        try {
            directory = Path.of(URI.create(text));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("origin: " + text + " (expected: file:///absolute/dir)");
        }
        if (!Files.isDirectory(directory)) {
            throw new IllegalArgumentException("origin: " + text + " (expected: an existing directory)");
        }
        return directory;
    }

    /** java.net.URI refuses {@code sim://?…} (an empty authority), so the query is cut out by hand. */
    private static String simQuery(String text) {
        String rest = text.substring("sim:".length());
        int question = rest.indexOf('?');
        String before = question < 0 ? rest : rest.substring(0, question);
        if (!before.isEmpty() && !before.equals("//") && !before.equals("///")) {
            throw new IllegalArgumentException("origin: " + text + " (expected: sim://?latency=5ms&jitter=1ms"
                    + "&missing=0.0&errors=0.0&size=100&change=user:*=1s)");
        }
        return question < 0 ? "" : rest.substring(question + 1);
    }

    private static String redacted(String text) {
        return text.replaceAll("//[^@/]*@", "//***@");
    }
}
