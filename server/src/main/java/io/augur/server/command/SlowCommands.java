package io.augur.server.command;

import io.augur.server.config.ServerConfig;
import io.augur.server.stats.SlowLog;

/**
 * Feeds SLOWLOG and LATENCY from the time each command took (the dispatcher measures it for
 * INFO commandstats anyway). The common case costs two volatile reads and two comparisons:
 * nothing is built unless a threshold is passed.
 */
public final class SlowCommands {

    private final CommandContext server;
    private final ServerConfig config;

    public SlowCommands(CommandContext server) {
        this.server = server;
        this.config = server.config();
    }

    public void observe(Invocation inv, CommandSpec spec, long elapsedNanos) {
        long micros = elapsedNanos / 1000;
        long slowlogThreshold = config.slowlogLogSlowerThanMicros();
        if (slowlogThreshold >= 0 && micros >= slowlogThreshold) {
            // EXEC and EVAL are logged as a whole: the commands they run do not pass through here.
            log(inv, spec, micros);
        }
        long latencyThreshold = config.latencyMonitorThresholdMillis();
        if (latencyThreshold > 0 && micros / 1000 >= latencyThreshold) {
            server.stats().latency().add(spec.has("fast") ? "fast-command" : "command", server.nowMillis() / 1000,
                    micros / 1000);
        }
    }

    private void log(Invocation inv, CommandSpec spec, long micros) {
        byte[][] args = new byte[inv.argc()][];
        boolean redact = spec.name().equals("auth") || spec.name().equals("hello") || spec.name().equals("migrate");
        for (int i = 0; i < args.length; i++) {
            args[i] = redact && i > 0 ? REDACTED : inv.arg(i);
        }
        SlowLog log = server.stats().slowLog();
        log.add(server.nowMillis() / 1000, micros, args, inv.client().remoteAddress(), inv.client().name(),
                config.slowlogMaxLen());
    }

    /** Redis replaces passwords with this in SLOWLOG and MONITOR. */
    private static final byte[] REDACTED = "(redacted)".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
}
