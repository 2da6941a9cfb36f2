package io.augur.server;

import io.augur.server.client.ClientSession;

/**
 * Background housekeeping, like Redis's serverCron: active expiry, idle-client timeouts and
 * the ops/sec gauge. Runs on the command loop, so it never races a command.
 */
final class ServerCron implements Runnable {

    /** Share of each cycle active expiry may spend, as Redis's ACTIVE_EXPIRE_CYCLE_SLOW_TIME_PERC. */
    private static final int EXPIRE_CYCLE_PERCENT = 25;

    private final ServerContext server;
    private long lastCommands;
    private long lastSampleMillis = System.currentTimeMillis();

    ServerCron(ServerContext server) {
        this.server = server;
    }

    @Override
    public void run() {
        try {
            long cycleMicros = 1_000_000L / server.config().hz();
            server.store().activeExpireCycle(cycleMicros * EXPIRE_CYCLE_PERCENT / 100);
            closeIdleClients();
            checkOutputBuffers();
            sampleOpsPerSecond();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ServerCron.class).warn("server cron failed", e);
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
            io.augur.server.net.OutputBufferGuard.check(server, client, now);
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
}
