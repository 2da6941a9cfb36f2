package io.augur.server.command.zset;

import io.augur.server.command.CommandError;
import io.augur.server.command.collection.Element;

import java.util.Arrays;

/** A member interval as ZRANGEBYLEX takes it: "-" and "+" are the ends, "[" includes, "(" excludes. */
record LexRange(Bound min, Bound max) {

    static final String INVALID = "ERR min or max not valid string range item";

    /** One end: minus or plus infinity, or a member included or not. */
    record Bound(int infinity, Element value, boolean exclusive) {
    }

    static LexRange parse(byte[] min, byte[] max) {
        return new LexRange(bound(min), bound(max));
    }

    private static Bound bound(byte[] text) {
        if (text.length == 1 && text[0] == '-') {
            return new Bound(-1, null, false);
        }
        if (text.length == 1 && text[0] == '+') {
            return new Bound(1, null, false);
        }
        if (text.length >= 1 && (text[0] == '(' || text[0] == '[')) {
            return new Bound(0, new Element(Arrays.copyOfRange(text, 1, text.length)), text[0] == '(');
        }
        throw new CommandError(INVALID);
    }

    boolean aboveMin(Element member) {
        if (min.infinity() != 0) {
            return min.infinity() < 0;
        }
        int c = member.compareTo(min.value());
        return min.exclusive() ? c > 0 : c >= 0;
    }

    boolean belowMax(Element member) {
        if (max.infinity() != 0) {
            return max.infinity() > 0;
        }
        int c = member.compareTo(max.value());
        return max.exclusive() ? c < 0 : c <= 0;
    }

    boolean contains(Element member) {
        return aboveMin(member) && belowMax(member);
    }
}
