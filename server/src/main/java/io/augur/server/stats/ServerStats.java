package io.augur.server.stats;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Server-wide counters for INFO stats. Keyspace counters are bumped on the command thread;
 * byte counters from I/O threads, hence adders.
 */
public final class ServerStats {

    private final long startMillis = System.currentTimeMillis();
    private final LongAdder commands = new LongAdder();
    private final LongAdder keyspaceHits = new LongAdder();
    private final LongAdder keyspaceMisses = new LongAdder();
    private final LongAdder netInputBytes = new LongAdder();
    private final LongAdder netOutputBytes = new LongAdder();
    private final LongAdder errorReplies = new LongAdder();
    private final LongAdder protocolErrors = new LongAdder();
    private final LongAdder outputBufferLimitDisconnections = new LongAdder();
    private final LongAdder authFailures = new LongAdder();
    private final Map<String, LongAdder> errorsByPrefix = new ConcurrentHashMap<>();
    private final LongAdder cronCycles = new LongAdder();
    private volatile long instantaneousOpsPerSec;
    /** Not cleared by CONFIG RESETSTAT (Redis keeps them too): SLOWLOG RESET and LATENCY RESET do. */
    private final SlowLog slowLog = new SlowLog();
    private final LatencyMonitor latency = new LatencyMonitor();

    public long startMillis() { return startMillis; }
    public SlowLog slowLog() { return slowLog; }
    public LatencyMonitor latency() { return latency; }

    public void command() { commands.increment(); }
    public void hit() { keyspaceHits.increment(); }
    public void miss() { keyspaceMisses.increment(); }
    public void input(long bytes) { netInputBytes.add(bytes); }
    public void output(long bytes) { netOutputBytes.add(bytes); }
    /** Counts an error reply under its first word (ERR, WRONGTYPE, …) for INFO errorstats. */
    public void errorReply(String message) {
        errorReplies.increment();
        int space = message.indexOf(' ');
        String prefix = space < 0 ? message : message.substring(0, space);
        if (errorsByPrefix.size() < 128 || errorsByPrefix.containsKey(prefix)) {
            errorsByPrefix.computeIfAbsent(prefix, p -> new LongAdder()).increment();
        }
    }

    public Map<String, Long> errorsByPrefix() {
        Map<String, Long> copy = new TreeMap<>();
        errorsByPrefix.forEach((k, v) -> copy.put(k, v.sum()));
        return copy;
    }

    /** One server cron cycle ran (hz of them a second); never reset, like uptime. */
    public void cronCycle() { cronCycles.increment(); }
    public long cronCycles() { return cronCycles.sum(); }
    public long instantaneousOpsPerSec() { return instantaneousOpsPerSec; }
    public void instantaneousOpsPerSec(long value) { this.instantaneousOpsPerSec = value; }
    public void protocolError() { protocolErrors.increment(); }
    public void outputBufferLimitDisconnection() { outputBufferLimitDisconnections.increment(); }
    public long outputBufferLimitDisconnections() { return outputBufferLimitDisconnections.sum(); }
    public void authFailure() { authFailures.increment(); }
    public long authFailures() { return authFailures.sum(); }

    public long commands() { return commands.sum(); }
    public long keyspaceHits() { return keyspaceHits.sum(); }
    public long keyspaceMisses() { return keyspaceMisses.sum(); }
    public long netInputBytes() { return netInputBytes.sum(); }
    public long netOutputBytes() { return netOutputBytes.sum(); }
    public long errorReplies() { return errorReplies.sum(); }
    public long protocolErrors() { return protocolErrors.sum(); }

    public void reset() {
        commands.reset();
        keyspaceHits.reset();
        keyspaceMisses.reset();
        netInputBytes.reset();
        netOutputBytes.reset();
        errorReplies.reset();
        protocolErrors.reset();
        errorsByPrefix.clear();
    }
}
