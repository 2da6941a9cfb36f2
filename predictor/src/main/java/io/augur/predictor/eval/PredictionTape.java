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
    /** Index into {@link #sourceNames} of each entry's source. */
    private byte[] sources;
    private final java.util.List<String> sourceNames = new java.util.ArrayList<>();
    private int size;
    private int reads;

    PredictionTape(String predictor, int reads) {
        this.predictor = predictor;
        this.offsets = new int[reads + 1];
        this.keys = new int[Math.max(16, reads)];
        this.probabilities = new float[keys.length];
        this.depths = new byte[keys.length];
        this.sources = new byte[keys.length];
    }

    void add(int key, double probability, int depth) {
        add(key, probability, depth, null);
    }

    /** @param source the part of the predictor that proposed the key (null: the predictor's own name) */
    void add(int key, double probability, int depth, String source) {
        if (size == keys.length) {
            keys = Arrays.copyOf(keys, size * 2);
            probabilities = Arrays.copyOf(probabilities, size * 2);
            depths = Arrays.copyOf(depths, size * 2);
            sources = Arrays.copyOf(sources, size * 2);
        }
        String name = source == null ? predictor : source;
        int index = sourceNames.indexOf(name);
        if (index < 0) {
            index = sourceNames.size();
            sourceNames.add(name);
        }
        sources[size] = (byte) index;
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

    /** The source of an entry, as an index into {@link #sourceNames()}. */
    public int source(int entry) {
        return sources[entry];
    }

    /** The names of the sources on this tape, in order of first appearance. */
    public java.util.List<String> sourceNames() {
        return java.util.Collections.unmodifiableList(sourceNames);
    }
}
