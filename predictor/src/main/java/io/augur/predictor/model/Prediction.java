package io.augur.predictor.model;

/**
 * A key a predictor expects to be read soon, with its estimated probability in [0, 1].
 *
 * @param depth  how many reads ahead the predictor expects it: 1 for the next read, more for keys
 *               rolled forward (the planner reaches that far only when its prefetches land late)
 * @param source what proposed it: the predictor's name, or inside a blend the blend's source
 *               ({@code network}, {@code successor}, {@code chain}, {@code lookahead}, ...), so
 *               prefetches can be counted by source
 */
public record Prediction(byte[] key, double probability, int depth, String source) {

    /** The source of a prediction made without naming one (callers outside the predictors). */
    public static final String UNATTRIBUTED = "unattributed";

    /** A prediction without a named source. */
    public Prediction(byte[] key, double probability, int depth) {
        this(key, probability, depth, UNATTRIBUTED);
    }

    /** A prediction for the next read, without a named source. */
    public Prediction(byte[] key, double probability) {
        this(key, probability, 1);
    }
}
