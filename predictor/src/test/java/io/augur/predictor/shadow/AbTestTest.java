package io.augur.predictor.shadow;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AbTestTest {

    @Test
    void arms_areDeterministic_andSplitConnectionsAboutEvenly() {
        int inB = 0;
        for (long id = 1; id <= 10_000; id++) {
            assertThat(AbTest.arm(id)).isEqualTo(AbTest.arm(id));
            inB += AbTest.arm(id);
        }
        assertThat(inB).isBetween(4_800, 5_200);
    }

    @Test
    void twoProportionTest_matchesATextbookExample() {
        // 600/1000 vs 550/1000: pooled 0.575, se 0.02211, z 2.2617, two-sided p 0.0237.
        TwoProportionTest t = TwoProportionTest.of(600, 1000, 550, 1000);
        assertThat(t.z()).isCloseTo(2.2617, within(1e-3));
        assertThat(t.pValue()).isCloseTo(0.0237, within(1e-3));
        assertThat(t.significantAt(0.05)).isTrue();
        assertThat(TwoProportionTest.of(510, 1000, 500, 1000).significantAt(0.05)).isFalse();
    }

    @Test
    void noObservations_isNotSignificant() {
        assertThat(TwoProportionTest.of(0, 0, 5, 10).significantAt(0.05)).isFalse();
        assertThat(TwoProportionTest.of(10, 10, 10, 10).significantAt(0.05)).isFalse();
    }

    @Test
    void reads_areCountedPerArm() {
        AbTest ab = new AbTest("successor", "lstm");
        long a = 1;
        while (AbTest.arm(a) != 0) {
            a++;
        }
        long b = 1;
        while (AbTest.arm(b) != 1) {
            b++;
        }
        ab.read(a, true);
        ab.read(a, false);
        ab.read(b, true);
        assertThat(ab.reads(0)).isEqualTo(2);
        assertThat(ab.hitRatio(0)).isCloseTo(0.5, within(1e-9));
        assertThat(ab.hitRatio(1)).isCloseTo(1.0, within(1e-9));
        assertThat(ab.predictor(1)).isEqualTo("lstm");
    }
}
