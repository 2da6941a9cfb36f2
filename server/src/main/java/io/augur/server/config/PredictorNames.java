package io.augur.server.config;

import io.augur.predictor.model.Predictors;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The predictor names the server accepts in its settings, parsed (a subset of {@link Predictors#names()}). */
final class PredictorNames {

    /** What `predictor`, `shadow-predictors` and `ab-test` accept, in the order errors list them. */
    static final List<String> SERVED = List.of(Predictors.NONE, Predictors.SUCCESSOR, Predictors.DELTA,
            Predictors.SUCCESSOR_DELTA, Predictors.INTERLEAVED, Predictors.LSTM);

    private PredictorNames() {
    }

    static String parse(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (!SERVED.contains(v)) {
            throw new IllegalArgumentException("argument must be one of " + String.join(", ", SERVED));
        }
        return v;
    }

    /** Comma-separated names, without none and without repeats. */
    static List<String> parseList(String value) {
        List<String> names = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                String name = parse(part);
                if (!name.equals(Predictors.NONE) && !names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return List.copyOf(names);
    }
}
