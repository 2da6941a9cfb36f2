package io.augur.predictor.fresh;

import java.util.Arrays;

/**
 * The shape of a key: its bytes with every run of digits replaced by {@code *}
 * ({@code user:42:profile} → {@code user:*:profile}), so keys built from one template share what is learnt.
 */
public final class KeyShape {

    /** Longest shape kept, in bytes: longer keys share the shape of their first bytes (bounds the shape table's memory). */
    public static final int MAX_SHAPE_BYTES = 64;

    private KeyShape() {
    }

    public static byte[] of(byte[] key) {
        byte[] out = new byte[Math.min(key.length, MAX_SHAPE_BYTES)];
        int n = 0;
        boolean inDigits = false;
        for (int i = 0; i < key.length && n < out.length; i++) {
            byte b = key[i];
            if (b >= '0' && b <= '9') {
                if (!inDigits) {
                    out[n++] = '*';
                    inDigits = true;
                }
            } else {
                out[n++] = b;
                inDigits = false;
            }
        }
        return n == out.length ? out : Arrays.copyOf(out, n);
    }
}
