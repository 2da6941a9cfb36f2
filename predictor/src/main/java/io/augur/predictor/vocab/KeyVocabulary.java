package io.augur.predictor.vocab;

import io.augur.predictor.model.KeyBytes;
import io.augur.predictor.model.NumberedKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Maps keys to the LSTM's tokens and back: the most frequent keys get a token each, and keys
 * shaped {@code <prefix><number>} one step away from the client's previous key get a delta token.
 */
public final class KeyVocabulary {

    /*
     * After Hashemi et al. (2018), "Learning Memory Access Patterns": a model cannot have one
     * output per key, so it predicts over the frequent keys plus small deltas. A delta token
     * ("same prefix, number + d") generalizes a scan or a stride to keys never seen in training.
     * Deltas take precedence: when the step from the previous key is small the delta token is
     * used even for a frequent key, so sequential patterns share one token.
     *
     * Frequency: the top keys come from a count-min sketch plus a bounded candidate set
     * (HeavyKeys), so building costs memory in proportion to V, not to the distinct keys seen.
     * Frozen: a vocabulary never changes after build; each trained model carries (and saves) its own.
     */

    /** Token of an empty context slot (left padding of a short history). */
    public static final int PAD = 0;
    /** Token of a key neither frequent nor a small step from the previous key. */
    public static final int OOV = 1;
    /** Largest |delta| with its own token. */
    public static final int MAX_DELTA = 8;
    private static final int FIRST_DELTA = 2;
    private static final int FIRST_KEY = FIRST_DELTA + 2 * MAX_DELTA;
    /** Reads below which a key gets no token: a key seen once carries no pattern worth an output. */
    private static final int MIN_KEY_COUNT = 2;
    /** First line of a saved vocabulary; the token layout depends on MAX_DELTA, so it is recorded. */
    private static final String HEADER = "# augur key vocabulary v1, max delta " + MAX_DELTA;

    private final List<KeyBytes> keys;
    private final Map<KeyBytes, Integer> index;

    private KeyVocabulary(List<KeyBytes> keys) {
        this.keys = keys;
        this.index = new HashMap<>(keys.size() * 2);
        for (int i = 0; i < keys.size(); i++) {
            index.put(keys.get(i), FIRST_KEY + i);
        }
    }

    /** The vocabulary of the {@code maxKeys} most frequent keys among {@code accessed}, in bounded memory. */
    public static KeyVocabulary build(Iterable<byte[]> accessed, int maxKeys) {
        HeavyKeys heavy = new HeavyKeys(maxKeys);
        for (byte[] key : accessed) {
            heavy.record(key);
        }
        return new KeyVocabulary(heavy.top(maxKeys, MIN_KEY_COUNT));
    }

    /** Number of tokens: PAD, OOV, the delta tokens and the keys. */
    public int size() {
        return FIRST_KEY + keys.size();
    }

    public int keyCount() {
        return keys.size();
    }

    /** The token of {@code key} read after {@code previous} (the same client's last key, or null). */
    public int encode(byte[] previous, byte[] key) {
        if (previous != null) {
            NumberedKey now = NumberedKey.parse(key);
            NumberedKey before = now == null ? null : NumberedKey.parse(previous);
            if (before != null && before.prefix().equals(now.prefix())) {
                long delta = now.number() - before.number();
                if (delta != 0 && Math.abs(delta) <= MAX_DELTA && Arrays.equals(before.step(delta), key)) {
                    return deltaToken((int) delta);
                }
            }
        }
        Integer token = index.get(new KeyBytes(key));
        return token == null ? OOV : token;
    }

    /** The concrete key a token stands for after {@code previous}, or null (PAD, OOV, inapplicable delta). */
    public byte[] decode(byte[] previous, int token) {
        if (token >= FIRST_KEY && token < size()) {
            return keys.get(token - FIRST_KEY).bytes();
        }
        if (token >= FIRST_DELTA && token < FIRST_KEY && previous != null) {
            NumberedKey before = NumberedKey.parse(previous);
            return before == null ? null : before.step(deltaOf(token));
        }
        return null;
    }

    private static int deltaToken(int delta) {
        return FIRST_DELTA + (delta < 0 ? delta + MAX_DELTA : delta + MAX_DELTA - 1);
    }

    static int deltaOf(int token) {
        int i = token - FIRST_DELTA;
        return i < MAX_DELTA ? i - MAX_DELTA : i - MAX_DELTA + 1;
    }

    /** Writes the keys, one hex line each, most frequent first. */
    public void save(Path file) throws IOException {
        List<String> lines = new ArrayList<>(keys.size() + 1);
        lines.add(HEADER);
        HexFormat hex = HexFormat.of();
        for (KeyBytes k : keys) {
            lines.add(hex.formatHex(k.bytes()));
        }
        Files.write(file, lines, StandardCharsets.US_ASCII);
    }

    /** Reads a vocabulary {@link #save} wrote; throws when it was written with another token layout. */
    public static KeyVocabulary load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
            throw new IOException("vocabulary file " + file + ": unknown format (expected: " + HEADER + ")");
        }
        List<KeyBytes> keys = new ArrayList<>(lines.size());
        HexFormat hex = HexFormat.of();
        try {
            for (String line : lines.subList(1, lines.size())) {
                keys.add(new KeyBytes(hex.parseHex(line.trim())));
            }
        } catch (IllegalArgumentException e) {
            throw new IOException("vocabulary file " + file + ": " + e.getMessage(), e);
        }
        return new KeyVocabulary(keys);
    }
}
