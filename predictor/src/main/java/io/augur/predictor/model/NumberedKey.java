package io.augur.predictor.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A key shaped {@code <prefix><decimal number>} (e.g. {@code user:1041}, or just {@code 1041}),
 * split so a predictor can step the number; zero-padding width is kept.
 */
public record NumberedKey(KeyBytes prefix, long number, int width, boolean padded) {

    /** Digits beyond this are not treated as a number (they would overflow). */
    private static final int MAX_DIGITS = 18;

    /** The split key, or null when it does not end in digits. */
    public static NumberedKey parse(byte[] key) {
        int end = key.length;
        int start = end;
        while (start > 0 && key[start - 1] >= '0' && key[start - 1] <= '9' && end - start < MAX_DIGITS) {
            start--;
        }
        if (start == end) {
            return null;
        }
        long n = 0;
        for (int i = start; i < end; i++) {
            n = n * 10 + (key[i] - '0');
        }
        boolean padded = key[start] == '0' && end - start > 1;
        return new NumberedKey(new KeyBytes(Arrays.copyOf(key, start)), n, end - start, padded);
    }

    /** The key with the number moved by {@code delta}, or null when that would go negative. */
    public byte[] step(long delta) {
        long next = number + delta;
        if (next < 0) {
            return null;
        }
        String digits = Long.toString(next);
        if (padded && digits.length() < width) {
            digits = "0".repeat(width - digits.length()) + digits;
        }
        byte[] p = prefix.bytes();
        byte[] d = digits.getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(p, p.length + d.length);
        System.arraycopy(d, 0, out, p.length, d.length);
        return out;
    }
}
