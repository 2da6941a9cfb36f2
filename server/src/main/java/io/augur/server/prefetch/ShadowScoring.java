package io.augur.server.prefetch;

import io.augur.predictor.model.CompositePredictor;
import io.augur.predictor.model.Predictor;
import io.augur.predictor.shadow.DriftMonitor;
import io.augur.predictor.shadow.ShadowEvaluator;
import io.augur.predictor.shadow.ShadowScore;
import io.augur.server.config.ExperimentSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Scores the active predictor on live traffic and runs the configured others beside it in
 * shadow (they predict, nothing is fetched), rebuilt whenever the active predictor changes.
 */
final class ShadowScoring implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShadowScoring.class);

    private final ExperimentSettings settings;
    private final Function<String, Predictor> predictors;
    private volatile ShadowEvaluator board = new ShadowEvaluator("", List.of(), 1);

    ShadowScoring(ExperimentSettings settings, Function<String, Predictor> predictors) {
        this.settings = settings;
        this.predictors = predictors;
    }

    /** Shadow copies of the configured predictors other than {@code activeName}; one that cannot be built is skipped. */
    void rebuild(String activeName, DriftMonitor drift) {
        List<Predictor> others = new ArrayList<>();
        for (String name : settings.shadowPredictors()) {
            if (name.equals(activeName)) {
                continue;
            }
            try {
                others.add(predictors.apply(name));
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("shadow predictor '{}' unavailable: {}", name, e.toString());
            }
        }
        ShadowEvaluator previous = board;
        board = new ShadowEvaluator(activeName, sharingParts(others), settings.shadowHorizon(), drift,
                settings.shadowSample());
        previous.close();
    }

    /**
     * A composite shadow whose parts all run as shadows listed before it (successor+delta after
     * successor and delta) becomes a view over those shadows' tables instead of learning its own
     * copies. Why: the shadows learn from every read, and the default three learned the successor
     * and delta tables twice each, on the same thread that plans the prefetches. The shadows before
     * it are fed each access first, so the view predicts from the same tables a copy would hold.
     */
    static List<Predictor> sharingParts(List<Predictor> shadows) {
        List<Predictor> out = new ArrayList<>(shadows.size());
        for (Predictor p : shadows) {
            List<Predictor> shared = p instanceof CompositePredictor c ? earlierByName(out, c.parts()) : null;
            if (shared == null) {
                out.add(p);
            } else {
                out.add(CompositePredictor.viewOver(p.name(), shared));
                p.close();
            }
        }
        return out;
    }

    /** The earlier shadows named as the parts are, in the parts' order; null unless every part has one. */
    private static List<Predictor> earlierByName(List<Predictor> earlier, List<Predictor> parts) {
        List<Predictor> found = new ArrayList<>(parts.size());
        for (Predictor part : parts) {
            Predictor match = earlier.stream().filter(e -> e.name().equals(part.name())).findFirst().orElse(null);
            if (match == null) {
                return null;
            }
            found.add(match);
        }
        return found;
    }

    ShadowEvaluator board() {
        return board;
    }

    /** Live scores of the active predictor and its shadows. */
    List<ShadowScore> scores() {
        return board.scores();
    }

    /** Shadow predictors dropped because they threw, since the active predictor was chosen. */
    long failed() {
        return board.failedShadows();
    }

    @Override
    public void close() {
        board.close();
    }
}
