package io.augur.server.command;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;

/** Integer and float parsing and formatting with Redis's rules (string2ll, strtold, %.17Lg). */
public final class Numbers {

    /** Redis formats INCRBYFLOAT results with 17 significant digits, then trims trailing zeros. */
    private static final MathContext SEVENTEEN_DIGITS = new MathContext(17);

    private Numbers() {
    }

    /** string2ll: optional '-', digits, no leading zeros, no spaces, fits in 64 bits; else the given error. */
    public static long parseLong(byte[] text, String error) {
        Long value = tryParseLong(text);
        if (value == null) {
            throw new CommandError(error);
        }
        return value;
    }

    /** The value, or null when the bytes are not a canonical 64-bit integer. */
    public static Long tryParseLong(byte[] text) {
        int len = text.length;
        if (len == 0 || len > 20) {
            return null;
        }
        if (len == 1 && text[0] == '0') {
            return 0L;
        }
        int i = 0;
        boolean negative = false;
        if (text[0] == '-') {
            negative = true;
            i = 1;
            if (len == 1) {
                return null;
            }
        }
        if (text[i] < '1' || text[i] > '9') {
            return null;
        }
        long value = 0;
        for (; i < len; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return null;
            }
            // Accumulate negatively: the negative range is one larger than the positive one.
            if (value < (Long.MIN_VALUE + digit) / 10) {
                return null;
            }
            value = value * 10 - digit;
        }
        if (!negative) {
            if (value == Long.MIN_VALUE) {
                return null;
            }
            return -value;
        }
        return value;
    }

    /** A float as Redis accepts it for INCRBYFLOAT: no spaces, no NaN; "inf" allowed. */
    public static double parseDouble(byte[] text) {
        BigDecimal exact = tryParseDecimal(text);
        if (exact != null) {
            return exact.doubleValue();
        }
        String s = new String(text, StandardCharsets.US_ASCII).toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "inf", "+inf", "infinity", "+infinity" -> Double.POSITIVE_INFINITY;
            case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new CommandError(Errors.NOT_FLOAT);
        };
    }

    /** The exact decimal value of a finite float literal, or null when it is not one. */
    public static BigDecimal tryParseDecimal(byte[] text) {
        if (text.length == 0 || text.length > 5000) {
            return null;
        }
        for (byte b : text) {
            if (!(b >= '0' && b <= '9' || b == '.' || b == '-' || b == '+' || b == 'e' || b == 'E')) {
                return null;
            }
        }
        try {
            return new BigDecimal(new String(text, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** INCRBYFLOAT's reply text: 17 significant digits, no trailing zeros, no exponent. */
    public static String formatDecimal(BigDecimal value) {
        BigDecimal rounded = value.round(SEVENTEEN_DIGITS).stripTrailingZeros();
        if (rounded.signum() == 0) {
            return "0";
        }
        return rounded.toPlainString();
    }

    public static byte[] ascii(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
