package io.augur.server.config;

import java.util.List;

/**
 * Predictors tried beside the active one: shadow scoring, the A/B test, auto-switch, and the drift
 * watch on the active predictor's precision.
 */
public final class ExperimentSettings {

    private volatile List<String> shadowPredictors = List.of("successor", "delta", "successor+delta");
    private volatile int shadowHorizon = 8;
    private volatile double shadowSample = 0.05;
    private volatile boolean autoSwitch;
    private volatile double autoSwitchMargin = 0.05;
    private volatile String abTest = "";
    private volatile int driftWindow = 5_000;
    private volatile double driftMargin = 0.1;

    ExperimentSettings(ServerConfig config) {
        config.add("shadow-predictors", "predictors scored in shadow on live traffic beside the active one, "
                + "comma-separated (empty = none); INFO predictors", false, () -> String.join(",", shadowPredictors),
                v -> shadowPredictors = PredictorNames.parseList(v));
        config.add("shadow-horizon", "reads within which a predicted key counts as come true (shadow scoring)", false,
                () -> Integer.toString(shadowHorizon), v -> shadowHorizon = ConfigValues.parseInt(v, 1, 1_000));
        config.add("shadow-sample", "share (0..1] of the reads, drawn by a hash, after which the shadow "
                + "predictors predict and are scored; they learn from every read", false,
                () -> Double.toString(shadowSample), v -> shadowSample = parseShare(v));
        config.add("auto-switch", "yes: serve the shadow predictor that beats the active one in coverage by "
                + "auto-switch-margin, without worse precision, three 20,000-read windows in a row", true,
                () -> ConfigValues.yesNo(autoSwitch), v -> autoSwitch = ConfigValues.parseYesNo(v));
        config.add("auto-switch-margin", "coverage lead (0..1) a shadow predictor needs to take over", true,
                () -> Double.toString(autoSwitchMargin), v -> autoSwitchMargin = ConfigValues.parseFraction(v));
        config.add("ab-test", "a second predictor that also prefetches, for half the connections (by a hash of "
                + "the connection id); hit ratio per arm with a significance test in INFO predictors (empty = off)", true,
                () -> abTest, v -> abTest = v.isBlank() ? "" : PredictorNames.parse(v));
        config.add("drift-window", "predictions of the active predictor per drift window", false,
                () -> Integer.toString(driftWindow), v -> driftWindow = ConfigValues.parseInt(v, 100, 10_000_000));
        config.add("drift-margin", "precision drop below the predictor's own reference window that raises a drift "
                + "alert (and retrains the LSTM)", false, () -> Double.toString(driftMargin),
                v -> driftMargin = ConfigValues.parseFraction(v));
    }

    private static double parseShare(String v) {
        double share = ConfigValues.parseFraction(v);
        if (share <= 0) {
            throw new IllegalArgumentException("must be above 0 (to score no shadow, set shadow-predictors to empty)");
        }
        return share;
    }

    public List<String> shadowPredictors() { return shadowPredictors; }
    public int shadowHorizon() { return shadowHorizon; }
    public double shadowSample() { return shadowSample; }
    public boolean autoSwitch() { return autoSwitch; }
    public double autoSwitchMargin() { return autoSwitchMargin; }
    /** The A/B test's challenger, or empty when none runs. */
    public String abTest() { return abTest; }
    public int driftWindow() { return driftWindow; }
    public double driftMargin() { return driftMargin; }
}
