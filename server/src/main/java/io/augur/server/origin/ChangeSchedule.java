package io.augur.server.origin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * When the simulated origin's values change: one period per key group ({@code user:*=1s,product:*=never}),
 * so the version a key holds at any time is known exactly (a benchmark counts stale reads against it).
 */
public final class ChangeSchedule {

    /** A schedule under which nothing ever changes (the {@code sim://} default). */
    public static final ChangeSchedule NEVER = new ChangeSchedule(List.of(), "");

    /** Salt that spreads each key's change instants over its period, so a group does not change all at once. */
    private static final long PHASE_SALT = 0x7068617365212121L;

    /*
     * Determinism: a key of a group with period P changes at phase + n*P, phase = hash(key) * P.
     * Periodic rather than random changes keep a test's "changes every second" exact; the phase
     * keeps a group's changes spread out in time, as real updates are.
     */

    private record Rule(Pattern glob, long periodMillis) {
    }

    private final List<Rule> rules;
    private final String text;

    private ChangeSchedule(List<Rule> rules, String text) {
        this.rules = rules;
        this.text = text;
    }

    /**
     * Parses {@code glob=period,glob=period}: {@code *} in a glob matches any run of bytes, a period
     * is a duration ({@code 500ms}, {@code 2s}) or {@code never}; the first matching glob wins, keys no
     * glob matches never change.
     */
    public static ChangeSchedule parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return NEVER;
        }
        List<Rule> rules = new ArrayList<>();
        for (String part : spec.split(",")) {
            int eq = part.lastIndexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("change: " + part + " (expected: glob=period, e.g. user:*=1s or "
                        + "product:*=never)");
            }
            String glob = part.substring(0, eq).trim();
            String period = part.substring(eq + 1).trim();
            long millis;
            if (period.equalsIgnoreCase("never")) {
                millis = 0;
            } else {
                Duration d = UriQuery.parseDuration("change", period);
                millis = d.toMillis();
                if (millis <= 0) {
                    throw new IllegalArgumentException("change: " + part + " (expected: a period of at least 1ms or never)");
                }
            }
            rules.add(new Rule(globPattern(glob), millis));
        }
        return new ChangeSchedule(List.copyOf(rules), spec.trim());
    }

    /** The change period of {@code key} in milliseconds, 0 when it never changes. */
    public long periodMillis(byte[] key) {
        if (rules.isEmpty()) {
            return 0;
        }
        String text = new String(key, StandardCharsets.ISO_8859_1);
        for (Rule rule : rules) {
            if (rule.glob.matcher(text).matches()) {
                return rule.periodMillis;
            }
        }
        return 0;
    }

    /** How many times {@code key} has changed by {@code nowMillis} (0 for a key that never changes). */
    public long version(byte[] key, long nowMillis) {
        long period = periodMillis(key);
        if (period == 0) {
            return 0;
        }
        long phase = (long) (SimulatedOrigin.unitHash(key, PHASE_SALT) * period);
        return Math.floorDiv(nowMillis + phase, period);
    }

    @Override
    public String toString() {
        return text;
    }

    private static Pattern globPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (String piece : glob.split("\\*", -1)) {
            if (!regex.isEmpty()) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(piece));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
