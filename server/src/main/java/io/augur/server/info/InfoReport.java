package io.augur.server.info;

import io.augur.server.client.ClientRegistry;
import io.augur.server.command.CommandSpec;
import io.augur.server.command.CommandTable;
import io.augur.server.command.ServerInfo;
import io.augur.server.command.connection.ConnectionCommands;
import io.augur.server.config.ServerConfig;
import io.augur.server.stats.ServerStats;
import io.augur.server.store.Store;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Builds INFO's text in Redis's format: `# Section` headers, `field:value` lines, CRLF line ends. */
public final class InfoReport implements ServerInfo {

    private static final List<String> DEFAULT_SECTIONS = List.of("server", "clients", "memory", "persistence",
            "stats", "replication", "cpu", "errorstats", "keyspace");
    private static final List<String> ALL_ONLY_SECTIONS = List.of("commandstats");

    private final Sources server;
    private final List<InfoSection> extraInfo;

    /**
     * What the built-in sections read.
     *
     * @param boundPort the listener's port, known once it is bound (0 before)
     */
    public record Sources(ServerConfig config, Store store, ServerStats stats, ClientRegistry clients,
                          CommandTable commands, java.util.function.IntSupplier boundPort, String version) {
        int port() {
            return boundPort.getAsInt();
        }
    }

    /** The built-in sections read {@code sources}; {@code extraInfo} follow them (prefetch, predictor, …). */
    public InfoReport(Sources sources, List<InfoSection> extraInfo) {
        this.server = sources;
        this.extraInfo = List.copyOf(extraInfo);
    }

    /** The report for the requested section names (`default`, `all`, `everything` or section names). */
    @Override
    public String render(Set<String> requested) {
        Map<String, InfoSection> sections = new LinkedHashMap<>();
        for (String name : DEFAULT_SECTIONS) {
            sections.put(name, builtin(name, true));
        }
        for (String name : ALL_ONLY_SECTIONS) {
            sections.put(name, builtin(name, false));
        }
        for (InfoSection extra : extraInfo) {
            sections.put(extra.name(), extra);
        }
        boolean all = requested.contains("all") || requested.contains("everything");
        boolean defaults = requested.isEmpty() || requested.contains("default");
        StringBuilder out = new StringBuilder(2048);
        for (InfoSection section : sections.values()) {
            boolean wanted = all || requested.contains(section.name()) || defaults && section.inDefault();
            if (!wanted) {
                continue;
            }
            if (out.length() > 0) {
                out.append("\r\n");
            }
            out.append("# ").append(section.title()).append("\r\n");
            section.write(out);
        }
        return out.toString();
    }

    private InfoSection builtin(String name, boolean inDefault) {
        String title = switch (name) {
            case "cpu" -> "CPU";
            case "commandstats" -> "Commandstats";
            case "errorstats" -> "Errorstats";
            default -> Character.toUpperCase(name.charAt(0)) + name.substring(1);
        };
        return new InfoSection() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String title() {
                return title;
            }

            @Override
            public boolean inDefault() {
                return inDefault;
            }

            @Override
            public void write(StringBuilder out) {
                switch (name) {
                    case "server" -> server(out);
                    case "clients" -> clients(out);
                    case "memory" -> memory(out);
                    case "persistence" -> persistence(out);
                    case "stats" -> stats(out);
                    case "replication" -> field(out, "role", "master").field(out, "connected_slaves", 0);
                    case "cpu" -> cpu(out);
                    case "errorstats" -> server.stats().errorsByPrefix()
                            .forEach((prefix, count) -> field(out, "errorstat_" + prefix, "count=" + count));
                    case "commandstats" -> commandstats(out);
                    case "keyspace" -> keyspace(out);
                    default -> { }
                }
            }
        };
    }

    private InfoReport field(StringBuilder out, String name, Object value) {
        InfoSection.line(out, name, value);
        return this;
    }

    private void server(StringBuilder out) {
        long uptimeSeconds = (System.currentTimeMillis() - server.stats().startMillis()) / 1000;
        field(out, "redis_version", ConnectionCommands.COMPATIBLE_REDIS_VERSION);
        field(out, "augur_version", server.version());
        field(out, "redis_mode", "standalone");
        field(out, "os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        field(out, "arch_bits", 64);
        field(out, "java_version", System.getProperty("java.version"));
        field(out, "process_id", ProcessHandle.current().pid());
        field(out, "tcp_port", server.port());
        field(out, "uptime_in_seconds", uptimeSeconds);
        field(out, "uptime_in_days", uptimeSeconds / 86_400);
        field(out, "hz", server.config().hz());
        field(out, "cron_cycles", server.stats().cronCycles());
        field(out, "executable", "augur");
        field(out, "config_file", "");
    }

    private void clients(StringBuilder out) {
        field(out, "connected_clients", server.clients().connected());
        field(out, "maxclients", server.config().maxclients());
        field(out, "blocked_clients", 0);
    }

    private void memory(StringBuilder out) {
        Store store = server.store();
        long used = store.usedMemoryBytes();
        long max = store.maxMemory();
        Runtime rt = Runtime.getRuntime();
        field(out, "used_memory", used);
        field(out, "used_memory_human", human(used));
        field(out, "maxmemory", max);
        field(out, "maxmemory_human", human(max));
        field(out, "maxmemory_policy", server.config().maxmemoryPolicy());
        field(out, "store_capacity_keys", store.capacityEntries());
        field(out, "jvm_heap_used", rt.totalMemory() - rt.freeMemory());
        field(out, "jvm_heap_max", rt.maxMemory());
    }

    private void persistence(StringBuilder out) {
        field(out, "loading", 0);
        field(out, "store_engine", "chronicle-map");
        field(out, "store_file", server.config().dir().resolve("augur.dat"));
        field(out, "rdb_changes_since_last_save", 0);
        field(out, "aof_enabled", 0);
    }

    private void stats(StringBuilder out) {
        var s = server.stats();
        field(out, "total_connections_received", server.clients().connectionsReceived());
        field(out, "total_commands_processed", s.commands());
        field(out, "instantaneous_ops_per_sec", s.instantaneousOpsPerSec());
        field(out, "total_net_input_bytes", s.netInputBytes());
        field(out, "total_net_output_bytes", s.netOutputBytes());
        field(out, "rejected_connections", server.clients().rejectedConnections());
        field(out, "client_output_buffer_limit_disconnections", s.outputBufferLimitDisconnections());
        field(out, "auth_failures", s.authFailures());
        field(out, "expired_keys", server.store().expiredKeys());
        field(out, "evicted_keys", server.store().evictedKeys());
        field(out, "prefetch_admission_refused", server.store().prefetchAdmissionRefused());
        field(out, "keyspace_hits", s.keyspaceHits());
        field(out, "keyspace_misses", s.keyspaceMisses());
        field(out, "total_error_replies", s.errorReplies());
        field(out, "total_protocol_errors", s.protocolErrors());
    }

    private void cpu(StringBuilder out) {
        var bean = ManagementFactory.getOperatingSystemMXBean();
        double seconds = 0;
        if (bean instanceof com.sun.management.OperatingSystemMXBean os) {
            seconds = os.getProcessCpuTime() / 1e9;
        }
        field(out, "used_cpu_process", String.format(Locale.ROOT, "%.6f", seconds));
    }

    private void commandstats(StringBuilder out) {
        List<CommandSpec> specs = new ArrayList<>(server.commands().all());
        for (CommandSpec spec : specs) {
            long calls = spec.counters().calls();
            if (calls == 0) {
                continue;
            }
            double perCall = (double) spec.counters().micros() / calls;
            field(out, "cmdstat_" + spec.name(), "calls=" + calls + ",usec=" + spec.counters().micros()
                    + ",usec_per_call=" + String.format(Locale.ROOT, "%.2f", perCall)
                    + ",rejected_calls=0,failed_calls=" + spec.counters().failed());
        }
    }

    private void keyspace(StringBuilder out) {
        for (int db = 0; db < server.config().databases(); db++) {
            Store keyspace = server.store().database(db);
            long keys = keyspace.size();
            if (keys > 0) {
                field(out, "db" + db, "keys=" + keys + ",expires=" + keyspace.expiresCount() + ",avg_ttl=0");
            }
        }
    }

    /** Redis's bytesToHuman: B, K, M, G with two decimals. */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        String[] units = {"K", "M", "G", "T", "P"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.2f%s", value, units[unit]);
    }
}
