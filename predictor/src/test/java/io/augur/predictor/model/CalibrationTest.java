package io.augur.predictor.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CalibrationTest {

    @Test
    void withNoOutcomesYet_aRawScoreStandsForTheMiddleOfItsBucket() {
        Calibration calibration = new Calibration();
        assertThat(calibration.calibrated(0.97)).isCloseTo(0.95, within(1e-9));
        assertThat(calibration.calibrated(0.25)).isCloseTo(0.25, within(1e-9));
        assertThat(calibration.calibrated(0.0)).isCloseTo(0.05, within(1e-9));
    }

    @Test
    void aBucketWithManyOutcomes_givesTheShareThatCameTrue() {
        Calibration calibration = new Calibration();
        for (int i = 0; i < 10_000; i++) {
            calibration.record(0.55, i % 10 < 7);
        }
        assertThat(calibration.calibrated(0.55)).isCloseTo(0.7, within(0.001));
    }

    @Test
    void aSourceThatIsNearlyAlwaysWrong_isNotTrustedOnARareHighScore() {
        // The delta table on random ids: thousands of 0.25 scores, none right, then a rare 0.95.
        Calibration calibration = new Calibration();
        for (int i = 0; i < 5_000; i++) {
            calibration.record(0.25, false);
        }
        assertThat(calibration.calibrated(0.95)).isLessThan(0.01);
        assertThat(calibration.calibrated(0.45)).isLessThan(0.01);
    }

    @Test
    void aSourceThatIsUsuallyRight_keepsItsRawScoreOnABucketWithoutOutcomes_upToWhatItAchieves() {
        Calibration calibration = new Calibration();
        for (int i = 0; i < 5_000; i++) {
            calibration.record(0.65, i % 10 < 6);
        }
        assertThat(calibration.calibrated(0.15)).isCloseTo(0.15, within(1e-9));
        assertThat(calibration.calibrated(0.95)).isCloseTo(0.6, within(0.001));
    }

    @Test
    void halvingABucketsCounts_keepsTheSourcesOverallShare() {
        Calibration calibration = new Calibration();
        // Past the halving point of one bucket: a tenth came true, before and after each halving.
        for (int i = 0; i < 100_000; i++) {
            calibration.record(0.35, i % 10 == 0);
        }
        assertThat(calibration.calibrated(0.35)).isCloseTo(0.1, within(0.001));
        // A bucket with no outcomes is capped at the overall share, which the halvings kept at 0.1.
        assertThat(calibration.calibrated(0.85)).isCloseTo(0.1, within(0.001));
    }
}
