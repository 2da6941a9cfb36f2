package io.augur.server.prefetch;

import io.augur.predictor.shadow.AutoSwitch;
import io.augur.predictor.shadow.ShadowScore;
import io.augur.server.config.ExperimentSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * With `auto-switch yes`, hands serving to a shadow predictor that keeps beating the active one;
 * the switch is a state of the {@link PredictorLifecycle}, never a write into the configuration.
 */
final class AutoSwitcher {

    private static final Logger LOG = LoggerFactory.getLogger(AutoSwitcher.class);

    private final ExperimentSettings settings;
    private final PredictorLifecycle lifecycle;
    private final PrefetchStats stats;
    /** Replaced from the config thread (a CONFIG SET of the margin), read on the predictor thread. */
    private volatile AutoSwitch rule;
    private volatile double margin;

    AutoSwitcher(ExperimentSettings settings, PredictorLifecycle lifecycle, PrefetchStats stats) {
        this.settings = settings;
        this.lifecycle = lifecycle;
        this.stats = stats;
        restart();
    }

    /** A new active predictor: the winning streaks start over, with the current margin. */
    void restart() {
        margin = settings.autoSwitchMargin();
        rule = new AutoSwitch(margin);
    }

    /** The coverage lead the running rule asks of a shadow (INFO shows it, so a CONFIG SET can be seen taking hold). */
    double margin() {
        return margin;
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
