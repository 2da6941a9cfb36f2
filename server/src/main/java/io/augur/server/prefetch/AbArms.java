package io.augur.server.prefetch;

import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.Prediction;
import io.augur.predictor.model.Predictor;
import io.augur.predictor.shadow.AbTest;
import io.augur.server.config.ExperimentSettings;
import io.augur.server.config.PrefetchSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The A/B test: arm B's predictor (the challenger) learns from every access and serves the
 * connections hashed to arm B; hit ratios per arm are compared. A challenger that throws ends the test.
 */
final class AbArms implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AbArms.class);

    private final ExperimentSettings experiments;
    private final PrefetchSettings settings;
    private final PredictorLifecycle lifecycle;
    private final PrefetchStats stats;
    private volatile Predictor armB;
    private volatile AbTest abTest;
    private volatile String requested = "";

    AbArms(ExperimentSettings experiments, PrefetchSettings settings, PredictorLifecycle lifecycle,
           PrefetchStats stats) {
        this.experiments = experiments;
        this.settings = settings;
        this.lifecycle = lifecycle;
        this.stats = stats;
    }

    /** Starts, replaces or stops the test when the `ab-test` setting changed. */
    void followSettings() {
        String challenger = experiments.abTest();
        if (!challenger.equals(requested)) {
            requested = challenger;
            start(challenger);
        }
    }

    /** The running test, or null. */
    AbTest test() {
        return abTest;
    }

    /** The connection closed: the challenger forgets its state. */
    void forget(long connectionId) {
        Predictor b = armB;
        if (b != null) {
            try {
                b.forgetConnection(connectionId);
            } catch (RuntimeException | LinkageError e) {
                fail(e);
            }
        }
    }

    /** Feeds the challenger and counts the read per arm; true when this connection is in arm B. */
    boolean observe(AccessEvent event) {
        Predictor b = armB;
        AbTest test = abTest;
        if (b == null || test == null) {
            return false;
        }
        try {
            b.observe(event);
            if (event.op() == AccessEvent.Op.READ) {
                test.read(event.connectionId(), event.hit());
                return AbTest.arm(event.connectionId()) == 1;
            }
        } catch (RuntimeException | LinkageError e) {
            fail(e); // the connection's prefetches come from the active predictor
        }
        return false;
    }

    /** Arm B's predictions for this read; null when the challenger failed (and the test stopped). */
    List<Prediction> predict(AccessEvent event) {
        Predictor b = armB;
        if (b == null) {
            return null;
        }
        try {
            return b.predict(event.connectionId(), settings.topK());
        } catch (RuntimeException | LinkageError e) {
            fail(e);
            return null;
        }
    }

    /** The challenger threw: the test ends, counted and logged; the active predictor is not blamed. */
    private void fail(Throwable e) {
        Predictor failed = armB;
        armB = null;
        abTest = null;
        stats.predictorErrors.increment();
        LOG.warn("A/B challenger '{}' failed, the A/B test stops: {}", requested, e.toString());
        if (failed != null) {
            try {
                failed.close();
            } catch (RuntimeException ignored) {
                // already failing
            }
        }
    }

    private void start(String challenger) {
        Predictor previous = armB;
        armB = null;
        abTest = null;
        if (previous != null) {
            previous.close();
        }
        if (challenger.isEmpty()) {
            LOG.info("A/B test stopped");
            return;
        }
        String active = lifecycle.activeName();
        try {
            Predictor b = lifecycle.create(challenger);
            abTest = new AbTest(active, challenger);
            armB = b;
            LOG.info("A/B test: {} (arm A) against {} (arm B), connections split by id", active, challenger);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("cannot start the A/B test against '{}': {}", challenger, e.toString());
        }
    }

    @Override
    public void close() {
        Predictor b = armB;
        if (b != null) {
            b.close();
        }
    }
}
