package io.augur.server.prefetch;

import io.augur.predictor.shadow.AbTest;
import io.augur.predictor.shadow.ShadowScore;
import io.augur.predictor.shadow.TwoProportionTest;
import io.augur.server.info.InfoSection;
import io.augur.server.stats.Stat;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * INFO's `# Predictors` section: each predictor scored on live traffic, the active one and those
 * in shadow, one line each in the `name:field=value,...` shape of Redis's `cmdstat_` lines.
 */
public final class ShadowInfo implements InfoSection {

    /** Significance level at which the A/B test names a leader. */
    private static final double AB_ALPHA = 0.05;

    private final PrefetchRuntime service;
    /** Meters only: INFO shows these inside its composite lines. */
    private final List<Stat> stats = new ArrayList<>();

    /** @param scored the predictors with meters: the configured active one and its shadows */
    public ShadowInfo(PrefetchRuntime service, Collection<String> scored) {
        this.service = service;
        for (String name : scored) {
            stats.add(Stat.gauge("augur.predictor.shadow.precision",
                    "predicted keys read by the same client within the shadow horizon / predicted keys",
                    () -> score(name, ShadowScore::precision)).tagged("predictor", name));
            stats.add(Stat.gauge("augur.predictor.shadow.coverage",
                    "reads that had been predicted within the shadow horizon / reads",
                    () -> score(name, ShadowScore::coverage)).tagged("predictor", name));
            stats.add(Stat.gauge("augur.predictor.shadow.predict.duration", "mean cost of one predict call",
                    () -> score(name, ShadowScore::meanPredictMicros) / 1e6).inUnit("seconds")
                    .tagged("predictor", name));
        }
        for (int arm = 0; arm < 2; arm++) {
            int a = arm;
            stats.add(Stat.gauge("augur.ab.hit.ratio", "hit ratio of the connections in this A/B arm",
                    () -> abTest(t -> t.hitRatio(a))).tagged("arm", arm == 0 ? "a" : "b"));
        }
        stats.add(Stat.gauge("augur.ab.p.value",
                "two-sided p-value of the A/B hit-ratio difference (two-proportion z-test)",
                () -> abTest(t -> t.significance().pValue())));
    }

    /** The predictor whose arm hits more, once the difference is significant; "none yet" before. */
    public static String leader(AbTest ab) {
        TwoProportionTest t = ab.significance();
        return t.significantAt(AB_ALPHA) ? ab.predictor(t.z() > 0 ? 0 : 1) : "none yet";
    }

    /** NaN while the predictor is not scored. */
    private double score(String predictor, ToDoubleFunction<ShadowScore> field) {
        return service.shadowScores().stream().filter(x -> x.predictor().equals(predictor)).findFirst()
                .map(field::applyAsDouble).orElse(Double.NaN);
    }

    /** NaN while no A/B test runs. */
    private double abTest(ToDoubleFunction<AbTest> field) {
        AbTest ab = service.abTest();
        return ab == null ? Double.NaN : field.applyAsDouble(ab);
    }

    @Override
    public List<Stat> stats() {
        return List.copyOf(stats);
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
            if (s.predictor().isEmpty()) {
                continue; // no active predictor yet (the predictor thread does not run): nothing to name
            }
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
            InfoSection.line(out, "ab_significant", t.significantAt(AB_ALPHA) ? 1 : 0);
            InfoSection.line(out, "ab_leader", leader(ab));
        }
    }
}
