package io.augur.predictor.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The registry of predictor names, and the builder of the baselines by name. The LSTM is built
 * where its engine is (see the server's catalog); its name is listed here all the same.
 */
public final class Predictors {

    /** No prediction at all: the reference row. */
    public static final String NONE = "none";
    /** Per key, the keys most often read right after it. */
    public static final String SUCCESSOR = "successor";
    /** For numbered keys, the steps most often taken from the number. */
    public static final String DELTA = "delta";
    /** Successor and delta together: the cheap baseline and the fallback. */
    public static final String SUCCESSOR_DELTA = "successor+delta";
    /** Per hour of the day, the most read keys. */
    public static final String HOUR_OF_DAY = "hour-of-day";
    /** The lookahead table: keys read 8-16 reads after a key. */
    public static final String AHEAD = "ahead";
    /** Per key, the keys read within the next 128 reads of the whole server, in two of its windows running. */
    public static final String INTERLEAVED = "interleaved";
    /** The lstm predictor's tables (successor, delta, hour of day), as one composite. */
    public static final String LSTM_TABLES = "successor+delta+hour-of-day";
    /** The learned predictor (built with an engine, not here). */
    public static final String LSTM = "lstm";

    /** Baselines in the order they are listed to users. */
    private static final Map<String, Supplier<Predictor>> BASELINES = new LinkedHashMap<>();

    static {
        BASELINES.put(NONE, NonePredictor::new);
        BASELINES.put(SUCCESSOR, SuccessorPredictor::new);
        BASELINES.put(DELTA, DeltaPredictor::new);
        BASELINES.put(SUCCESSOR_DELTA, Predictors::successorAndDelta);
        BASELINES.put(HOUR_OF_DAY, HourOfDayPredictor::new);
        BASELINES.put(AHEAD, AheadPredictor::new);
        BASELINES.put(INTERLEAVED, InterleavedPredictor::new);
    }

    private Predictors() {
    }

    /** The names {@link #create} accepts. */
    public static List<String> baselineNames() {
        return List.copyOf(BASELINES.keySet());
    }

    /** Every predictor name: the baselines, then the lstm. */
    public static List<String> names() {
        List<String> names = new ArrayList<>(BASELINES.keySet());
        names.add(LSTM);
        return List.copyOf(names);
    }

    public static Predictor create(String name) {
        Supplier<Predictor> factory = BASELINES.get(name);
        if (factory == null) {
            throw new IllegalArgumentException("unknown predictor '" + name
                    + "' (expected: " + String.join(", ", names()) + ")");
        }
        return factory.get();
    }

    public static Predictor successorAndDelta() {
        return new CompositePredictor(SUCCESSOR_DELTA, List.of(new SuccessorPredictor(), new DeltaPredictor()));
    }

    /**
     * The lstm predictor's tables: successor, delta and per-hour popularity, each calibrated on its own
     * inside the blend, so the hourly table only speaks where it has been right.
     */
    public static Predictor lstmTables() {
        return new CompositePredictor(LSTM_TABLES,
                List.of(new SuccessorPredictor(), new DeltaPredictor(), new HourOfDayPredictor()));
    }
}
