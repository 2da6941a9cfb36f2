package io.augur.predictor.shadow;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Chooses the predictor to serve from the shadow scores: a shadow that beats the active one in
 * coverage by a margin, without worse precision, in several windows in a row, takes over.
 */
public final class AutoSwitch {

    /*
     * Hysteresis: WINS_NEEDED consecutive windows of WINDOW_READS reads each, and a rest of
     * REST_WINDOWS windows after a switch, so two predictors that score alike never flap.
     * Scores are per window (differences of the cumulative counters), so an early lead does not
     * carry forever. Coverage (reads foreseen / reads) is what raises the hit ratio; precision may
     * not drop by more than the margin, so a predictor cannot win by guessing everything.
     */

    /** Reads per evaluation window. */
    public static final long WINDOW_READS = 20_000;
    /** Consecutive winning windows before a switch. */
    static final int WINS_NEEDED = 3;
    /** Windows without a switch after one. */
    static final int REST_WINDOWS = 5;

    private final double margin;
    private final Map<String, long[]> last = new HashMap<>();
    private String leader;
    private int wins;
    private int rest;
    private long activeReadsAtWindow;

    /** @param margin coverage lead (absolute) a shadow needs over the active predictor */
    public AutoSwitch(double margin) {
        this.margin = margin;
    }

    /**
     * Looks at the scores; at each window's end returns the name of the predictor to switch to, or
     * null to keep the active one.
     */
    public String evaluate(List<ShadowScore> scores) {
        ShadowScore active = scores.stream().filter(ShadowScore::active).findFirst().orElse(null);
        if (active == null || active.seen() - activeReadsAtWindow < WINDOW_READS) {
            return null;
        }
        activeReadsAtWindow = active.seen();
        Map<String, double[]> window = new HashMap<>(); // name -> {coverage, precision}
        for (ShadowScore s : scores) {
            long[] now = {s.reads(), s.predictions(), s.cameTrue(), s.foreseen()};
            long[] before = last.getOrDefault(s.predictor(), new long[4]);
            last.put(s.predictor(), now);
            long reads = now[0] - before[0];
            long predictions = now[1] - before[1];
            window.put(s.predictor(), new double[]{
                    reads == 0 ? 0 : (double) (now[3] - before[3]) / reads,
                    predictions == 0 ? 0 : (double) (now[2] - before[2]) / predictions});
        }
        if (rest > 0) {
            rest--;
            return null;
        }
        double[] mine = window.get(active.predictor());
        String best = null;
        double bestCoverage = mine[0] + margin;
        for (Map.Entry<String, double[]> e : window.entrySet()) {
            double[] w = e.getValue();
            if (!e.getKey().equals(active.predictor()) && w[0] >= bestCoverage && w[1] >= mine[1] - margin) {
                best = e.getKey();
                bestCoverage = w[0];
            }
        }
        if (best == null || !best.equals(leader)) {
            leader = best;
            wins = best == null ? 0 : 1;
            return null;
        }
        if (++wins < WINS_NEEDED) {
            return null;
        }
        wins = 0;
        leader = null;
        rest = REST_WINDOWS;
        last.clear();
        return best;
    }
}
