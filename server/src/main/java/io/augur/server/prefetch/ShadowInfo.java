package io.augur.server.prefetch;

import io.augur.predictor.shadow.ShadowScore;
import io.augur.server.info.InfoSection;

import java.util.Locale;

/**
 * INFO's `# Predictors` section: each predictor scored on live traffic, the active one and those
 * in shadow, one line each in the `name:field=value,...` shape of Redis's `cmdstat_` lines.
 */
public final class ShadowInfo implements InfoSection {

    private final PrefetchService service;

    public ShadowInfo(PrefetchService service) {
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
    }
}
