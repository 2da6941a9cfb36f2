package io.augur.predictor.eval;

import java.util.Arrays;

/**
 * What one predictor predicted after each read of a trace, best first: recorded once, then
 * replayed against every cache size and origin latency (a predictor never sees the cache, so its
 * predictions do not depend on either).
 */
public final class PredictionTape {

    private final String predictor;
    /** Predictions of read i are entries [offsets[i], offsets[i + 1]). */
    private final int[] offsets;
    private int[] keys;
    private float[] probabilities;
    private byte[] depths;
    private int size;
    private int reads;

    PredictionTape(String predictor, int reads) {
        this.predictor = predictor;
        this.offsets = new int[reads + 1];
        this.keys = new int[Math.max(16, reads)];
        this.probabilities = new float[keys.length];
        this.depths = new byte[keys.length];
    }

    void add(int key, double probability, int depth) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            probabilities = Arrays.copyOf(probabilities, size * 2);
            depths = Arrays.copyOf(depths, size * 2);
        }
        keys[size] = key;
        probabilities[size] = (float) probability;
        depths[size] = (byte) Math.min(depth, Byte.MAX_VALUE);
        size++;
    }

    /** Closes the predictions of the current read. */
    void endRead() {
        offsets[++reads] = size;
    }

    public String predictor() {
        return predictor;
    }

    public int reads() {
        return reads;
    }

    public int from(int read) {
        return offsets[read];
    }

    public int to(int read) {
        return offsets[read + 1];
    }

    public int key(int entry) {
        return keys[entry];
    }

    public float probability(int entry) {
        return probabilities[entry];
    }

    public int depth(int entry) {
        return depths[entry];
    }
}
