package io.augur.server.info;

import io.augur.server.stats.Stat;

import java.util.List;
import java.util.function.Consumer;

/** One `# Section` of INFO, written as `field:value` lines. */
public interface InfoSection {

    /** Lower-case name used by `INFO <section>`, e.g. "prefetch". */
    String name();

    /** Title as printed after '#', e.g. "Prefetch". */
    String title();

    /** Whether plain `INFO` (default) includes it; `INFO all` includes every section. */
    default boolean inDefault() {
        return true;
    }

    void write(StringBuilder out);

    /** The section's declared statistics, which the metrics registry reads too (none by default). */
    default List<Stat> stats() {
        return List.of();
    }

    /** Appends one `name:value` line in INFO's format. */
    static void line(StringBuilder out, String name, Object value) {
        out.append(name).append(':').append(value).append("\r\n");
    }

    /** A section written by code (its lines have a shape of their own), with {@code stats} for the registry. */
    static InfoSection written(String name, String title, boolean inDefault, Consumer<StringBuilder> writer,
                               List<Stat> stats) {
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
                writer.accept(out);
            }

            @Override
            public List<Stat> stats() {
                return stats;
            }
        };
    }
}
