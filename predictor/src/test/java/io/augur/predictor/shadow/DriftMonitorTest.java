package io.augur.predictor.shadow;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DriftMonitorTest {

    private static void window(DriftMonitor m, int cameTrue, int of) {
        for (int i = 0; i < of; i++) {
            m.record(i < cameTrue);
        }
    }

    @Test
    void firstWindow_isTheReference_andSmallDipsAreNotDrift() {
        DriftMonitor m = new DriftMonitor(100, 0.1);
        window(m, 80, 100);
        assertThat(m.reference()).isCloseTo(0.8, within(1e-9));
        window(m, 75, 100);
        assertThat(m.lastWindow()).isCloseTo(0.75, within(1e-9));
        assertThat(m.alerts()).isZero();
        assertThat(m.takeAlert()).isFalse();
    }

    @Test
    void aWindowBelowReferenceMinusMargin_raisesOneAlert() {
        DriftMonitor m = new DriftMonitor(100, 0.1);
        window(m, 80, 100);
        window(m, 40, 100);
        assertThat(m.alerts()).isEqualTo(1);
        assertThat(m.takeAlert()).isTrue();
        assertThat(m.takeAlert()).as("taken once").isFalse();
        assertThat(m.windows()).isEqualTo(2);
    }

    @Test
    void windowsThatStayBelow_raiseNoMoreAlerts_untilOneRecovers() {
        DriftMonitor m = new DriftMonitor(100, 0.1);
        window(m, 80, 100);
        for (int i = 0; i < 50; i++) {
            window(m, 40, 100);
        }
        assertThat(m.alerts()).isEqualTo(1);
        window(m, 78, 100); // recovered
        window(m, 40, 100); // a new drift
        assertThat(m.alerts()).isEqualTo(2);
    }

    @Test
    void rebase_makesTheNextWindowTheNewReference() {
        DriftMonitor m = new DriftMonitor(100, 0.1);
        window(m, 80, 100);
        m.rebase();
        window(m, 30, 100);
        assertThat(m.reference()).isCloseTo(0.3, within(1e-9));
        assertThat(m.alerts()).isZero();
    }
}
