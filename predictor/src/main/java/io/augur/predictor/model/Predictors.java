package io.augur.predictor.model;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Builds the baseline predictors by name. The LSTM is built where its engine is (see the server's catalog). */
public final class Predictors {

    private static final Map<String, Supplier<Predictor>> BASELINES = Map.of(
            "none", NonePredictor::new,
            "successor", SuccessorPredictor::new,
            "delta", DeltaPredictor::new,
            "successor+delta", Predictors::successorAndDelta,
            "hour-of-day", HourOfDayPredictor::new,
            "ahead", AheadPredictor::new);

    private Predictors() {
    }

    public static Predictor create(String name) {
        Supplier<Predictor> factory = BASELINES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown predictor '" + name
                    + "' (expected: none, successor, delta, successor+delta, lstm)");
        }
        return factory.get();
    }

    public static Predictor successorAndDelta() {
        return new CompositePredictor("successor+delta", List.of(new SuccessorPredictor(), new DeltaPredictor()));
    }

    /**
     * The lstm predictor's tables: successor, delta and per-hour popularity, each calibrated on its own
     * inside the blend, so the hourly table only speaks where it has been right.
     */
    public static Predictor lstmTables() {
        return new CompositePredictor("successor+delta+hour-of-day",
                List.of(new SuccessorPredictor(), new DeltaPredictor(), new HourOfDayPredictor()));
    }
}
