package io.augur.server.command.zset;

import io.augur.protocol.RespVersion;
import io.augur.server.command.Reply;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * Scores as Redis 7.0 writes them: C's {@code %.17g} (17 significant digits, trailing zeros
 * dropped, exponent form below 1e-4 and from 1e17), "inf"/"-inf"; a bulk string in RESP2, a
 * double ({@code ,}) in RESP3.
 */
final class ScoreFormat {

    private static final MathContext SEVENTEEN_DIGITS = new MathContext(17, RoundingMode.HALF_EVEN);

    private ScoreFormat() {
    }

    static String format(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        // new BigDecimal(double) is the exact binary value; rounding it half-even is what glibc's printf does.
        BigDecimal rounded = new BigDecimal(value).round(SEVENTEEN_DIGITS);
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent >= -4 && exponent < 17) {
            BigDecimal plain = rounded.stripTrailingZeros();
            return plain.scale() < 0 ? plain.setScale(0).toPlainString() : plain.toPlainString();
        }
        BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
        String digits = mantissa.scale() < 0 ? mantissa.setScale(0).toPlainString() : mantissa.toPlainString();
        String sign = exponent < 0 ? "-" : "+";
        int abs = Math.abs(exponent);
        return digits + "e" + sign + (abs < 10 ? "0" : "") + abs;
    }

    static byte[] bytes(double value) {
        return format(value).getBytes(StandardCharsets.US_ASCII);
    }

    /** A score reply: bulk string in RESP2, double in RESP3. */
    static void reply(Reply reply, double value) {
        if (reply.version() == RespVersion.RESP3) {
            reply.rawDouble(format(value));
        } else {
            reply.bulk(bytes(value));
        }
    }
}
