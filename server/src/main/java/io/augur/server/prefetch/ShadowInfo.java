package io.augur.server.prefetch;

import io.augur.predictor.shadow.AbTest;
import io.augur.predictor.shadow.ShadowScore;
import io.augur.predictor.shadow.TwoProportionTest;
import io.augur.server.info.InfoSection;

import java.util.Locale;

/**
 * INFO's `# Predictors` section: each predictor scored on live traffic, the active one and those
 * in shadow, one line each in the `name:field=value,...` shape of Redis's `cmdstat_` lines.
 */
public final class ShadowInfo implements InfoSection {

    private final PrefetchRuntime service;

    public ShadowInfo(PrefetchRuntime service) {
        this.service = service;
    }

    @Override
    public String name() {
        return "predictors";
    }

    @Override
    public String title() {
        return "Predictors";
    }

    @Override
    public void write(StringBuilder out) {
        for (ShadowScore s : service.shadowScores()) {
            InfoSection.line(out, "predictor_" + s.predictor(), String.format(Locale.ROOT,
                    "active=%d,reads=%d,predictions=%d,came_true=%d,precision=%.4f,coverage=%.4f,predict_us=%.2f",
                    s.active() ? 1 : 0, s.reads(), s.predictions(), s.cameTrue(), s.precision(), s.coverage(),
                    s.meanPredictMicros()));
        }
        InfoSection.line(out, "shadow_failures", service.failedShadows());
        AbTest ab = service.abTest();
        InfoSection.line(out, "ab_test", ab == null ? "off" : ab.predictor(0) + " vs " + ab.predictor(1));
        if (ab != null) {
            for (int arm = 0; arm < 2; arm++) {
                InfoSection.line(out, arm == 0 ? "ab_arm_a" : "ab_arm_b", String.format(Locale.ROOT,
                        "predictor=%s,reads=%d,hits=%d,hit_ratio=%.4f", ab.predictor(arm), ab.reads(arm), ab.hits(arm),
                        ab.hitRatio(arm)));
            }
            TwoProportionTest t = ab.significance();
            InfoSection.line(out, "ab_z", String.format(Locale.ROOT, "%.3f", t.z()));
            InfoSection.line(out, "ab_p_value", String.format(Locale.ROOT, "%.4g", t.pValue()));
            InfoSection.line(out, "ab_significant", t.significantAt(0.05) ? 1 : 0);
            InfoSection.line(out, "ab_leader", t.significantAt(0.05) ? ab.predictor(t.z() > 0 ? 0 : 1) : "none yet");
        }
    }
}
