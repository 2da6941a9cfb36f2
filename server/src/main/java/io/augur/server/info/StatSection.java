package io.augur.server.info;

import io.augur.server.stats.Stat;

import java.util.List;

/** An INFO section written from declared {@link Stat}s, in their order (those with an INFO name). */
public final class StatSection implements InfoSection {

    private final String name;
    private final String title;
    private final List<Stat> stats;

    public StatSection(String name, String title, List<Stat> stats) {
        this.name = name;
        this.title = title;
        this.stats = List.copyOf(stats);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public void write(StringBuilder out) {
        write(out, stats);
    }

    @Override
    public List<Stat> stats() {
        return stats;
    }

    /** Appends one INFO line per stat that INFO shows. */
    public static void write(StringBuilder out, List<Stat> stats) {
        for (Stat s : stats) {
            if (s.infoName() != null) {
                InfoSection.line(out, s.infoName(), s.text().get());
            }
        }
    }
}
