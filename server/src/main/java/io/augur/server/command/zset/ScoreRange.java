package io.augur.server.command.zset;

import io.augur.server.command.CommandError;
import io.augur.server.command.Numbers;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A score interval as ZRANGEBYSCORE and ZCOUNT take it: "(" excludes a bound, ±inf allowed. */
record ScoreRange(double min, boolean minExclusive, double max, boolean maxExclusive) {

    static final String NOT_FLOAT = "ERR min or max is not a float";

    static ScoreRange parse(byte[] min, byte[] max) {
        boolean minEx = min.length > 0 && min[0] == '(';
        boolean maxEx = max.length > 0 && max[0] == '(';
        return new ScoreRange(bound(min, minEx), minEx, bound(max, maxEx), maxEx);
    }

    /** strtod's reading, as Redis uses it: an empty rest is 0, NaN is refused. */
    private static double bound(byte[] text, boolean exclusive) {
        byte[] rest = exclusive ? Arrays.copyOfRange(text, 1, text.length) : text;
        if (rest.length == 0) {
            return 0;
        }
        String s = new String(rest, StandardCharsets.US_ASCII).stripLeading();
        try {
            return Numbers.parseDouble(s.getBytes(StandardCharsets.US_ASCII));
        } catch (CommandError e) {
            throw new CommandError(NOT_FLOAT);
        }
    }

    boolean aboveMin(double score) {
        return minExclusive ? score > min : score >= min;
    }

    boolean belowMax(double score) {
        return maxExclusive ? score < max : score <= max;
    }

    boolean contains(double score) {
        return aboveMin(score) && belowMax(score);
    }
}
