package io.augur.server.prefetch;

import io.augur.predictor.shadow.AutoSwitch;
import io.augur.predictor.shadow.ShadowScore;
import io.augur.server.config.PrefetchSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * With `auto-switch yes`, hands serving to a shadow predictor that keeps beating the active one;
 * the switch is a state of the {@link PredictorLifecycle}, never a write into the configuration.
 */
final class AutoSwitcher {

    private static final Logger LOG = LoggerFactory.getLogger(AutoSwitcher.class);

    private final PrefetchSettings settings;
    private final PredictorLifecycle lifecycle;
    private final PrefetchStats stats;
    private AutoSwitch rule = new AutoSwitch(0.05);

    AutoSwitcher(PrefetchSettings settings, PredictorLifecycle lifecycle, PrefetchStats stats) {
        this.settings = settings;
        this.lifecycle = lifecycle;
        this.stats = stats;
    }

    /** A new active predictor: the winning streaks start over, with the current margin. */
    void restart() {
        rule = new AutoSwitch(settings.autoSwitchMargin());
    }

    /** After each batch. */
    void check(List<ShadowScore> scores) {
        if (!settings.autoSwitch()) {
            return;
        }
        String winner = rule.evaluate(scores);
        if (winner != null) {
            stats.predictorSwitches.increment();
            LOG.info("auto-switch: {} beat {} in shadow ({} windows of {} reads in a row); it serves now", winner,
                    lifecycle.activeName(), 3, AutoSwitch.WINDOW_READS);
            lifecycle.switchTo(winner);
        }
    }
}
