package io.augur.predictor.model;

/** A key a predictor expects to be read soon, with its estimated probability in [0, 1]. */
public record Prediction(byte[] key, double probability) {
}
