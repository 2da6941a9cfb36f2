package io.augur.predictor.shadow;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AutoSwitchTest {

    /** Cumulative scores after {@code windows} windows in which the active foresees 30% and the shadow 60%. */
    private static List<ShadowScore> after(int windows, double shadowCoverage, double shadowPrecision) {
        long reads = windows * AutoSwitch.WINDOW_READS;
        return List.of(
                new ShadowScore("successor", true, reads, reads, (long) (reads * 0.5), (long) (reads * 0.3), 0, reads),
                new ShadowScore("lstm", false, reads, reads, (long) (reads * shadowPrecision),
                        (long) (reads * shadowCoverage), 0, reads));
    }

    @Test
    void aShadowThatWinsThreeWindowsInARow_takesOver_thenTheChoiceRests() {
        AutoSwitch auto = new AutoSwitch(0.05);
        assertThat(auto.evaluate(after(0, 0.6, 0.6))).isNull(); // no full window yet
        assertThat(auto.evaluate(after(1, 0.6, 0.6))).isNull();
        assertThat(auto.evaluate(after(2, 0.6, 0.6))).isNull();
        assertThat(auto.evaluate(after(3, 0.6, 0.6))).isEqualTo("lstm");
        for (int w = 4; w <= 9; w++) {
            assertThat(auto.evaluate(after(w, 0.6, 0.6))).as("resting after a switch, window %d", w).isNull();
        }
    }

    @Test
    void aLeadWithinTheMargin_orBoughtWithWorsePrecision_neverSwitches() {
        AutoSwitch close = new AutoSwitch(0.05);
        AutoSwitch sloppy = new AutoSwitch(0.05);
        for (int w = 1; w <= 10; w++) {
            assertThat(close.evaluate(after(w, 0.33, 0.6))).isNull();
            assertThat(sloppy.evaluate(after(w, 0.9, 0.2))).isNull();
        }
    }
}
