package io.augur.server;

import io.augur.server.client.ClientSession;
import io.augur.server.command.CommandContext;
import io.augur.server.net.OutputBufferGuard;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Background housekeeping, like Redis's serverCron: active expiry, idle-client timeouts and
 * the ops/sec gauge, `hz` times a second. Runs on the command loop, so it never races a command.
 */
final class ServerCron implements Runnable, AutoCloseable {

    /** Share of each cycle active expiry may spend, as Redis's ACTIVE_EXPIRE_CYCLE_SLOW_TIME_PERC. */
    private static final int EXPIRE_CYCLE_PERCENT = 25;

    private final CommandContext server;
    private final ScheduledExecutorService loop;
    private ScheduledFuture<?> schedule;
    private boolean closed;
    private long lastCommands;
    private long lastSampleMillis = System.currentTimeMillis();

    ServerCron(CommandContext server, ScheduledExecutorService loop) {
        this.server = server;
        this.loop = loop;
    }

    /** Runs every 1/hz seconds from now on; a CONFIG SET hz changes the rate at once. */
    void start() {
        reschedule();
        server.config().onChange("hz", this::reschedule);
    }

    /** Called from CONFIG SET (any command thread) and start; synchronized against close. */
    private synchronized void reschedule() {
        if (closed) {
            return;
        }
        if (schedule != null) {
            schedule.cancel(false);
        }
        long periodMicros = 1_000_000L / server.config().hz();
        schedule = loop.scheduleAtFixedRate(this, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
    }

    @Override
    public void run() {
        if (server.commands().scriptGate().running()) {
            return; // the script owns the keyspace, and in Redis time stands still for a script's keys
        }
        try {
            server.stats().cronCycle();
            long cycleMicros = 1_000_000L / server.config().hz();
            server.store().activeExpireCycle(cycleMicros * EXPIRE_CYCLE_PERCENT / 100);
            closeIdleClients();
            checkOutputBuffers();
            sampleOpsPerSecond();
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(ServerCron.class).warn("server cron failed", e);
        }
    }

    private void closeIdleClients() {
        int timeoutSeconds = server.config().timeoutSeconds();
        if (timeoutSeconds <= 0) {
            return;
        }
        long now = server.nowMillis();
        for (ClientSession client : server.clients().all()) {
            if (now - client.lastInteractionMillis() > timeoutSeconds * 1000L && client.channel() != null) {
                client.channel().close();
            }
        }
    }

    private void checkOutputBuffers() {
        long now = server.nowMillis();
        for (ClientSession client : server.clients().all()) {
            OutputBufferGuard.check(server, client, now);
        }
    }

    private void sampleOpsPerSecond() {
        long now = System.currentTimeMillis();
        long elapsed = now - lastSampleMillis;
        if (elapsed >= 1000) {
            long commands = server.stats().commands();
            server.stats().instantaneousOpsPerSec((commands - lastCommands) * 1000 / elapsed);
            lastCommands = commands;
            lastSampleMillis = now;
        }
    }

    /** Stops the cycles (before the store closes under them). */
    @Override
    public synchronized void close() {
        closed = true;
        if (schedule != null) {
            schedule.cancel(false);
        }
    }
}
