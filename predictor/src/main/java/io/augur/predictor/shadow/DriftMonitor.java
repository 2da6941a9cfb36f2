package io.augur.predictor.shadow;

/**
 * Watches the active predictor's live precision over consecutive windows of predictions and raises
 * an alert when a window falls below the predictor's own reference level by more than a margin:
 * one alert per drift (windows that stay below raise no more until one recovers or a new reference).
 */
public final class DriftMonitor {

    /*
     * The reference is the precision of the first full window after the predictor (or a new model)
     * went live: its own level on this traffic, measured the same way as every later window. The
     * trainer's validation accuracy is a different measure (next read only, on a held-out slice),
     * so comparing against it would alert on the difference of definitions, not on drift.
     */

    private final int windowPredictions;
    private final double margin;
    private long windowTotal;
    private long windowTrue;
    private volatile double reference = Double.NaN;
    private volatile double lastWindow = Double.NaN;
    private volatile long alerts;
    private volatile long windows;
    private boolean pendingAlert;
    /** A window fell below and none has recovered since: one drift, one alert (not one per window). */
    private boolean drifting;

    /**
     * @param windowPredictions predictions per window
     * @param margin            drop below the reference (absolute precision) that counts as drift
     */
    public DriftMonitor(int windowPredictions, double margin) {
        this.windowPredictions = windowPredictions;
        this.margin = margin;
    }

    /** One settled prediction of the active predictor. */
    public void record(boolean cameTrue) {
        windowTotal++;
        if (cameTrue) {
            windowTrue++;
        }
        if (windowTotal >= windowPredictions) {
            double precision = (double) windowTrue / windowTotal;
            windowTotal = 0;
            windowTrue = 0;
            windows++;
            lastWindow = precision;
            if (Double.isNaN(reference)) {
                reference = precision;
            } else if (precision < reference - margin) {
                if (!drifting) {
                    alerts++;
                    pendingAlert = true;
                    drifting = true;
                }
            } else {
                drifting = false;
            }
        }
    }

    /** Starts over with a new reference (a new model or predictor went live). */
    public void rebase() {
        windowTotal = 0;
        windowTrue = 0;
        reference = Double.NaN;
        drifting = false;
    }

    /** Whether an alert was raised since the last call (then cleared). */
    public boolean takeAlert() {
        boolean raised = pendingAlert;
        pendingAlert = false;
        return raised;
    }

    public double reference() { return reference; }
    public double lastWindow() { return lastWindow; }
    public long alerts() { return alerts; }
    public long windows() { return windows; }
    public int windowPredictions() { return windowPredictions; }
    public double margin() { return margin; }
}
