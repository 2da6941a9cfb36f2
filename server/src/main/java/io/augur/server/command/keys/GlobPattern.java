package io.augur.server.command.keys;

/**
 * Redis's glob matching for KEYS and SCAN MATCH: {@code * ? [abc] [^a] [a-z] \x}.
 * Iterative with a single backtrack point, so a hostile pattern like {@code *a*a*a*b} costs
 * O(pattern × key) instead of exponential recursion.
 */
public final class GlobPattern {

    private final byte[] pattern;
    private final boolean matchesAll;

    public GlobPattern(byte[] pattern) {
        this.pattern = pattern;
        this.matchesAll = pattern.length == 1 && pattern[0] == '*';
    }

    public boolean matches(byte[] text) {
        if (matchesAll) {
            return true;
        }
        int p = 0;
        int t = 0;
        int starP = -1;
        int starT = -1;
        while (t < text.length) {
            if (p < pattern.length) {
                byte c = pattern[p];
                if (c == '*') {
                    while (p < pattern.length && pattern[p] == '*') {
                        p++;
                    }
                    if (p == pattern.length) {
                        return true;
                    }
                    starP = p;
                    starT = t;
                    continue;
                }
                int next = matchOne(p, text[t]);
                if (next >= 0) {
                    p = next;
                    t++;
                    continue;
                }
            }
            if (starP < 0) {
                return false;
            }
            p = starP;
            t = ++starT;
        }
        while (p < pattern.length && pattern[p] == '*') {
            p++;
        }
        return p == pattern.length;
    }

    /** Matches one text byte against the pattern element at p; returns the next pattern index, or -1. */
    private int matchOne(int p, byte b) {
        byte c = pattern[p];
        if (c == '?') {
            return p + 1;
        }
        if (c == '\\' && p + 1 < pattern.length) {
            return pattern[p + 1] == b ? p + 2 : -1;
        }
        if (c == '[') {
            return matchClass(p + 1, b);
        }
        return c == b ? p + 1 : -1;
    }

    private int matchClass(int p, byte b) {
        boolean negate = p < pattern.length && pattern[p] == '^';
        if (negate) {
            p++;
        }
        boolean matched = false;
        while (p < pattern.length && pattern[p] != ']') {
            if (pattern[p] == '\\' && p + 1 < pattern.length) {
                matched |= pattern[p + 1] == b;
                p += 2;
            } else if (p + 2 < pattern.length && pattern[p + 1] == '-' && pattern[p + 2] != ']') {
                int lo = pattern[p] & 0xff;
                int hi = pattern[p + 2] & 0xff;
                if (lo > hi) {
                    int tmp = lo;
                    lo = hi;
                    hi = tmp;
                }
                int v = b & 0xff;
                matched |= v >= lo && v <= hi;
                p += 3;
            } else {
                matched |= pattern[p] == b;
                p++;
            }
        }
        // An unterminated class is treated as running to the end of the pattern, as Redis does.
        int next = p < pattern.length ? p + 1 : p;
        return matched != negate ? next : -1;
    }
}
