package io.augur.predictor.model.lstm;

/**
 * Moved to {@link io.augur.predictor.model.network.LstmModel}; this holds the one constant the
 * replay evaluator still reads from here, until it imports the new place.
 *
 * @deprecated use {@link io.augur.predictor.model.network.LstmModel}
 */
@Deprecated(forRemoval = true)
public final class LstmModel {

    /** As {@link io.augur.predictor.model.network.LstmModel#SEQUENCE_LENGTH}. */
    public static final int SEQUENCE_LENGTH = io.augur.predictor.model.network.LstmModel.SEQUENCE_LENGTH;

    private LstmModel() {
    }
}
