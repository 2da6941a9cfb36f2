package io.augur.server.prefetch;

import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.log.AccessLog;
import io.augur.server.config.PrefetchSettings;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * The predictor thread: drains the access log in batches into the pipeline, warms while the log
 * is empty, and keeps to its CPU duty cycle (predictor-cpu of one core). Never on the request path.
 */
final class DrainLoop implements AutoCloseable {

    /** Events handled per drain; bounds the latency of a predictor switch. */
    private static final int DRAIN_BATCH = 4096;
    /** Sleep when the log is empty: short enough that a prefetch follows its read within a millisecond or so. */
    private static final long IDLE_PARK_NANOS = 200_000;
    /** How long close waits for the thread to finish its batch. */
    private static final long JOIN_MILLIS = 2_000;

    private final PrefetchSettings settings;
    private final AccessLog log;
    private final PrefetchPipeline pipeline;
    private final Warming warming;
    private final PrefetchStats stats;
    private final Thread thread;
    private final CpuDutyCycle dutyCycle = new CpuDutyCycle();
    private volatile boolean running = true;

    DrainLoop(PrefetchSettings settings, AccessLog log, PrefetchPipeline pipeline, Warming warming,
              PrefetchStats stats) {
        this.stats = stats;
        this.settings = settings;
        this.log = log;
        this.pipeline = pipeline;
        this.warming = warming;
        this.thread = new Thread(this::loop, "augur-predictor");
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    private void loop() {
        List<AccessEvent> batch = new ArrayList<>(DRAIN_BATCH);
        while (running) {
            try {
                pipeline.beforeBatch();
                batch.clear();
                log.drain(batch::add, DRAIN_BATCH);
                if (batch.isEmpty()) {
                    warming.whileIdle();
                    LockSupport.parkNanos(IDLE_PARK_NANOS);
                    continue;
                }
                pipeline.syncPlannerSettings();
                long start = cpuNanos();
                pipeline.handle(batch);
                pipeline.afterBatch();
                pipeline.shedding().adjust(log.size(), log.capacity());
                stats.handled.add(batch.size());
                yieldCpu(cpuNanos() - start);
            } catch (RuntimeException | LinkageError e) {
                pipeline.failed(e);
                stats.handled.add(batch.size()); // the batch is given up with the failed predictor
            }
        }
    }

    /**
     * The thread's own CPU time: on a busy machine the wall time of a batch includes the time the
     * thread waited for a core, and resting in proportion to that starved the predictor (measured:
     * at load 16 on 2 cores it handled 450 reads/s and the log dropped 74%).
     */
    private static long cpuNanos() {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

    /**
     * Duty cycle: after working for {@code busyNanos} of CPU, rest as long as the thread's budget
     * (predictor-cpu of one core) needs to refill. Serving keeps its cores; under overload the
     * access log drops (and counts) events.
     */
    private void yieldCpu(long busyNanos) {
        long rest = dutyCycle.rest(busyNanos, System.nanoTime(), settings.predictorCpu());
        if (rest > 0) {
            LockSupport.parkNanos(rest);
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(JOIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
