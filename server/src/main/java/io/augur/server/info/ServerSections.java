package io.augur.server.info;

import io.augur.server.command.collection.BlockedClients;
import io.augur.server.command.connection.ConnectionCommands;
import io.augur.server.stats.Stat;
import io.augur.server.store.Store;

import java.util.List;

/**
 * INFO's server, clients, memory, persistence and stats sections, declared once as {@link Stat}s
 * that the metrics registry reads too. Field names are Redis's; metric names are Augur's.
 */
final class ServerSections {

    private ServerSections() {
    }

    static InfoSection server(InfoReport.Sources src) {
        var s = src.stats();
        return StatSection.of("server", "Server", List.of(
                Stat.text("redis_version", () -> ConnectionCommands.COMPATIBLE_REDIS_VERSION),
                Stat.text("augur_version", src::version),
                Stat.text("redis_mode", () -> "standalone"),
                Stat.text("os", () -> System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch")),
                Stat.text("arch_bits", () -> 64),
                Stat.text("java_version", () -> System.getProperty("java.version")),
                Stat.text("process_id", () -> ProcessHandle.current().pid()),
                Stat.text("tcp_port", src::port),
                Stat.text("uptime_in_seconds", () -> uptimeSeconds(src)),
                Stat.text("uptime_in_days", () -> uptimeSeconds(src) / 86_400),
                Stat.text("hz", () -> src.config().hz()),
                Stat.text("cron_cycles", s::cronCycles),
                Stat.text("executable", () -> "augur"),
                Stat.text("config_file", () -> "")));
    }

    private static long uptimeSeconds(InfoReport.Sources src) {
        return (System.currentTimeMillis() - src.stats().startMillis()) / 1000;
    }

    static InfoSection clients(InfoReport.Sources src) {
        return StatSection.of("clients", "Clients", List.of(
                Stat.gauge("connected_clients", "augur.clients.connected", "connected clients",
                        () -> src.clients().connected()),
                Stat.text("maxclients", () -> src.config().maxclients()),
                Stat.text("blocked_clients", () -> BlockedClients.of(src.commands()).blockedCount())));
    }

    static InfoSection memory(InfoReport.Sources src) {
        Store store = src.store();
        Runtime rt = Runtime.getRuntime();
        return StatSection.of("memory", "Memory", List.of(
                // used_memory is what maxmemory bounds: the store's entries (key, value, header),
                // not the JVM; the process as a whole is used_memory_rss (docs/operations.md).
                Stat.gauge("used_memory", "augur.memory.used", "bytes of the store's entries (keys, values, "
                        + "headers): what maxmemory bounds", store::usedMemoryBytes).inUnit("bytes"),
                Stat.text("used_memory_human", () -> InfoReport.human(store.usedMemoryBytes())),
                Stat.gauge("used_memory_rss", "augur.memory.rss", "resident set size of the whole process",
                        ResidentMemory::bytes).inUnit("bytes"),
                Stat.text("used_memory_rss_human", () -> InfoReport.human(ResidentMemory.bytes())),
                Stat.gauge("maxmemory", "augur.memory.max", "maxmemory (0 = none)", store::maxMemory).inUnit("bytes"),
                Stat.text("maxmemory_human", () -> InfoReport.human(store.maxMemory())),
                Stat.text("maxmemory_policy", () -> store.policy().redisName()), // the policy the store runs
                Stat.text("store_capacity_keys", store::capacityEntries),
                Stat.text("jvm_heap_used", () -> rt.totalMemory() - rt.freeMemory()),
                Stat.text("jvm_heap_max", rt::maxMemory)));
    }

    static InfoSection persistence(InfoReport.Sources src) {
        return StatSection.of("persistence", "Persistence", List.of(
                Stat.text("loading", () -> 0),
                Stat.text("store_engine", () -> "chronicle-map"),
                Stat.text("store_file", () -> src.config().dir().resolve("augur.dat")),
                // Corruptions the recovery at this start repaired (a torn entry is removed, logged), and the
                // torn rewrites put back from the journal.
                Stat.text("store_recovery_corruptions", () -> src.store().recoveryCorruptions()),
                Stat.text("store_recovery_restored", () -> src.store().recoveryRestored()),
                Stat.text("rdb_changes_since_last_save", () -> 0),
                Stat.text("aof_enabled", () -> 0)));
    }

    static InfoSection stats(InfoReport.Sources src) {
        var s = src.stats();
        var clients = src.clients();
        Store store = src.store();
        return StatSection.of("stats", "Stats", List.of(
                Stat.counter("total_connections_received", "augur.connections.received", "connections accepted",
                        clients::connectionsReceived),
                Stat.text("total_commands_processed", s::commands),
                Stat.text("instantaneous_ops_per_sec", s::instantaneousOpsPerSec),
                Stat.counter("total_net_input_bytes", "augur.net.input", "bytes received from clients",
                        s::netInputBytes).inUnit("bytes"),
                Stat.counter("total_net_output_bytes", "augur.net.output", "bytes sent to clients",
                        s::netOutputBytes).inUnit("bytes"),
                Stat.counter("rejected_connections", "augur.clients.rejected", "connections refused (maxclients)",
                        clients::rejectedConnections),
                Stat.counter("client_output_buffer_limit_disconnections", "augur.clients.output.buffer.limit.disconnections",
                        "clients closed for passing client-output-buffer-limit", s::outputBufferLimitDisconnections),
                Stat.counter("auth_failures", "augur.auth.failures",
                        "failed AUTH/HELLO AUTH attempts, including throttled ones", s::authFailures),
                Stat.counter("expired_keys", "augur.expired.keys", "keys removed on expiry", store::expiredKeys),
                Stat.counter("evicted_keys", "augur.evicted.keys", "keys evicted by maxmemory", store::evictedKeys),
                Stat.text("prefetch_admission_refused", store::prefetchAdmissionRefused),
                Stat.gauge("prefetch_staged_bytes", "augur.prefetch.staged.bytes",
                        "bytes of prefetched keys waiting apart from admission for their first read (tinylfu policies)",
                        store::prefetchStagedBytes),
                Stat.counter("keyspace_hits", "augur.keyspace.hits", "reads that found the key", s::keyspaceHits),
                Stat.counter("keyspace_misses", "augur.keyspace.misses",
                        "reads that did not (read-through loads count here)", s::keyspaceMisses),
                Stat.counter("total_error_replies", "augur.errors", "error replies of any kind", s::errorReplies),
                Stat.counter("total_protocol_errors", "augur.protocol.errors", "connections closed for a protocol error",
                        s::protocolErrors)));
    }

    /** `db<n>:keys=…` for each database holding keys; its meters count keys and keys with a TTL (all databases). */
    static InfoSection keyspace(InfoReport.Sources src) {
        Store store = src.store();
        int databases = src.config().databases();
        List<Stat> stats = List.of(
                Stat.gauge(null, "augur.keys", "keys stored", store::size),
                Stat.gauge(null, "augur.keys.expiring", "keys with a TTL", store::expiresCount));
        return InfoSection.written("keyspace", "Keyspace", true, out -> {
            for (int db = 0; db < databases; db++) {
                Store keyspace = store.database(db);
                long keys = keyspace.size();
                if (keys > 0) {
                    InfoSection.line(out, "db" + db, "keys=" + keys + ",expires=" + keyspace.expiresCount()
                            + ",avg_ttl=0");
                }
            }
        }, stats);
    }
}
