package io.augur.server.origin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The name=value parameters of an origin URI, read with defaults and checked against a known set.
 */
final class UriQuery {

    private final Map<String, String> values;

    private UriQuery(Map<String, String> values) {
        this.values = values;
    }

    /** Parses {@code a=1&b=2}; a name outside {@code known} is an error, so typos do not pass silently. */
    static UriQuery parse(String query, Set<String> known) {
        Map<String, String> values = new LinkedHashMap<>();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                if (!known.contains(name)) {
                    throw new IllegalArgumentException("origin parameter: " + name + " (expected: one of " + known + ")");
                }
                values.put(name, value);
            }
        }
        return new UriQuery(values);
    }

    /** A duration such as {@code 5ms}, {@code 250us}, {@code 2s} or {@code 0}; a bare number is refused as ambiguous. */
    Duration duration(String name, Duration fallback) {
        String text = values.get(name);
        return text == null ? fallback : parseDuration(name, text);
    }

    /** The text of a parameter, or {@code fallback}. */
    String text(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    /** Parses {@code 5ms}, {@code 250us}, {@code 2s}, {@code 1m} or {@code 0}; an error names {@code name}. */
    static Duration parseDuration(String name, String text) {
        String lower = text.trim().toLowerCase();
        try {
            if (lower.equals("0")) {
                return Duration.ZERO;
            }
            Duration parsed;
            if (lower.endsWith("ms")) {
                parsed = Duration.ofNanos(Math.round(Double.parseDouble(cut(lower, 2)) * 1e6));
            } else if (lower.endsWith("us")) {
                parsed = Duration.ofNanos(Math.round(Double.parseDouble(cut(lower, 2)) * 1e3));
            } else if (lower.endsWith("ns")) {
                parsed = Duration.ofNanos(Long.parseLong(cut(lower, 2)));
            } else if (lower.endsWith("s")) {
                parsed = Duration.ofNanos(Math.round(Double.parseDouble(cut(lower, 1)) * 1e9));
            } else if (lower.endsWith("m")) {
                parsed = Duration.ofNanos(Math.round(Double.parseDouble(cut(lower, 1)) * 60e9));
            } else {
                throw new NumberFormatException();
            }
            if (parsed.isNegative()) {
                throw new NumberFormatException();
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + ": " + text + " (expected: a duration like 5ms, 250us or 1s)");
        }
    }

    /** A fraction in [0, 1]. */
    double fraction(String name, double fallback) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            double value = Double.parseDouble(text.trim());
            if (value >= 0 && value <= 1) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the expected form.
        }
        throw new IllegalArgumentException(name + ": " + text + " (expected: a fraction in 0.0..1.0)");
    }

    /** An integer in [min, max]. */
    long integer(String name, long fallback, long min, long max) {
        String text = values.get(name);
        if (text == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the expected form.
        }
        throw new IllegalArgumentException(name + ": " + text + " (expected: an integer in " + min + ".." + max + ")");
    }

    private static String cut(String text, int suffix) {
        return text.substring(0, text.length() - suffix).trim();
    }
}
