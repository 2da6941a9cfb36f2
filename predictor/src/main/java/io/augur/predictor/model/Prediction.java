package io.augur.predictor.model;

/**
 * A key a predictor expects to be read soon, with its estimated probability in [0, 1].
 *
 * @param depth how many reads ahead the predictor expects it: 1 for the next read, more for keys
 *              rolled forward (the planner reaches that far only when its prefetches land late)
 */
public record Prediction(byte[] key, double probability, int depth) {

    /** A prediction for the next read. */
    public Prediction(byte[] key, double probability) {
        this(key, probability, 1);
    }
}
