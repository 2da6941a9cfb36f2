package io.augur.server.command.zset;

import io.augur.server.command.CommandError;
import io.augur.server.command.Errors;
import io.augur.server.command.Numbers;
import io.augur.server.command.Reply;
import io.augur.protocol.RespVersion;

import java.math.BigDecimal;
import java.util.List;

/** Score parsing as Redis's getDoubleFromObject does it, and the member-with-score replies. */
final class Scores {

    private Scores() {
    }

    /** A score: a float literal or ±inf; out-of-range literals (1e400) and NaN are refused as strtod's ERANGE is. */
    static double parse(byte[] text, String error) {
        BigDecimal exact = Numbers.tryParseDecimal(text);
        if (exact != null) {
            double d = exact.doubleValue();
            if (Double.isInfinite(d) || d == 0 && exact.signum() != 0) {
                throw new CommandError(error);
            }
            return d == 0 && text.length > 0 && text[0] == '-' ? -0.0 : d; // strtod keeps the sign of -0
        }
        try {
            return Numbers.parseDouble(text);
        } catch (CommandError e) {
            throw new CommandError(error);
        }
    }

    static double parse(byte[] text) {
        return parse(text, Errors.NOT_FLOAT);
    }

    /**
     * Members, with their scores if asked: RESP2 a flat array, RESP3 an array of [member, score]
     * pairs when {@code nestedInResp3} (ZRANGE, ZRANDMEMBER, ZPOPMIN with a count), else flat.
     */
    static void replyEntries(Reply reply, List<SortedSetValue.Entry> entries, boolean withScores, boolean nestedInResp3) {
        boolean nested = withScores && nestedInResp3 && reply.version() == RespVersion.RESP3;
        reply.array(withScores && !nested ? entries.size() * 2 : entries.size());
        for (SortedSetValue.Entry e : entries) {
            if (nested) {
                reply.array(2);
            }
            reply.bulk(e.member().bytes());
            if (withScores) {
                ScoreFormat.reply(reply, e.score());
            }
        }
    }
}
