package io.augur.server.info;

import io.augur.server.client.ClientRegistry;
import io.augur.server.command.CommandSpec;
import io.augur.server.command.CommandTable;
import io.augur.server.command.ServerInfo;
import io.augur.server.config.ServerConfig;
import io.augur.server.stats.ServerStats;
import io.augur.server.stats.Stat;
import io.augur.server.store.Store;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Builds INFO's text in Redis's format: `# Section` headers, `field:value` lines, CRLF line ends. */
public final class InfoReport implements ServerInfo {

    private final Sources server;
    /** Every section in INFO's order: Redis's built-in ones, then Augur's. */
    private final Map<String, InfoSection> sections = new LinkedHashMap<>();

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
        for (InfoSection section : List.of(ServerSections.server(sources), ServerSections.clients(sources),
                ServerSections.memory(sources), ServerSections.persistence(sources), ServerSections.stats(sources),
                written("replication", "Replication", true, out -> line(out, "role", "master")
                        .line(out, "connected_slaves", 0)),
                written("cpu", "CPU", true, this::cpu),
                written("errorstats", "Errorstats", true, out -> server.stats().errorsByPrefix()
                        .forEach((prefix, count) -> line(out, "errorstat_" + prefix, "count=" + count))),
                ServerSections.keyspace(sources),
                written("commandstats", "Commandstats", false, this::commandstats))) {
            sections.put(section.name(), section);
        }
        for (InfoSection extra : extraInfo) {
            sections.put(extra.name(), extra);
        }
    }

    /** Every declared statistic of every section: what the metrics registry exposes beside its own timers. */
    public List<Stat> stats() {
        List<Stat> all = new ArrayList<>();
        sections.values().forEach(section -> all.addAll(section.stats()));
        return all;
    }

    /** The report for the requested section names (`default`, `all`, `everything` or section names). */
    @Override
    public String render(Set<String> requested) {
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

    private static InfoSection written(String name, String title, boolean inDefault, Consumer<StringBuilder> writer) {
        return InfoSection.written(name, title, inDefault, writer, List.of());
    }

    private InfoReport line(StringBuilder out, String name, Object value) {
        InfoSection.line(out, name, value);
        return this;
    }

    private void cpu(StringBuilder out) {
        var bean = ManagementFactory.getOperatingSystemMXBean();
        double seconds = 0;
        if (bean instanceof com.sun.management.OperatingSystemMXBean os) {
            seconds = os.getProcessCpuTime() / 1e9;
        }
        line(out, "used_cpu_process", String.format(Locale.ROOT, "%.6f", seconds));
    }

    private void commandstats(StringBuilder out) {
        List<CommandSpec> specs = new ArrayList<>(server.commands().all());
        for (CommandSpec spec : specs) {
            long calls = spec.counters().calls();
            if (calls == 0) {
                continue;
            }
            double perCall = (double) spec.counters().micros() / calls;
            line(out, "cmdstat_" + spec.name(), "calls=" + calls + ",usec=" + spec.counters().micros()
                    + ",usec_per_call=" + String.format(Locale.ROOT, "%.2f", perCall)
                    + ",rejected_calls=0,failed_calls=" + spec.counters().failed());
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
