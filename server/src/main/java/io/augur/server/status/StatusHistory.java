package io.augur.server.status;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The last minutes of {@link StatusSample}s, one taken every {@link #INTERVAL_MILLIS} on a daemon
 * thread of its own, so the status page has a history to chart as soon as it loads.
 */
public final class StatusHistory implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StatusHistory.class);

    /** Time between two samples, in milliseconds: the page's refresh interval too. */
    public static final long INTERVAL_MILLIS = 2_000;
    /** Samples kept: ten minutes at one every two seconds (a few hundred bytes each). */
    public static final int CAPACITY = 300;

    private final Supplier<StatusSample> sampler;
    private final ArrayDeque<StatusSample> ring = new ArrayDeque<>(CAPACITY);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "augur-status");
        t.setDaemon(true);
        return t;
    });

    private StatusHistory(Supplier<StatusSample> sampler) {
        this.sampler = sampler;
    }

    /** Takes a first sample now and one every interval until closed. */
    public static StatusHistory start(Supplier<StatusSample> sampler) {
        StatusHistory history = new StatusHistory(sampler);
        history.timer.scheduleAtFixedRate(history::record, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        return history;
    }

    private void record() {
        StatusSample sample;
        try {
            sample = sampler.get();
        } catch (RuntimeException e) {
            // WARNING: an exception escaping a fixed-rate task cancels it for good; a bad sample only skips one.
            LOG.warn("status sample failed: {}", e.toString());
            return;
        }
        synchronized (ring) {
            if (ring.size() == CAPACITY) {
                ring.removeFirst();
            }
            ring.addLast(sample);
        }
    }

    /** The samples kept, oldest first. */
    public List<StatusSample> samples() {
        synchronized (ring) {
            return new ArrayList<>(ring);
        }
    }

    /** A sample read now, outside the ring: the page's current figures. */
    public StatusSample now() {
        return sampler.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
