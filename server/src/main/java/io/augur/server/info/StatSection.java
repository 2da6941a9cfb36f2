package io.augur.server.info;

import io.augur.server.stats.Stat;

import java.util.List;

/** INFO sections written from declared {@link Stat}s, in their order (those with an INFO name). */
public final class StatSection {

    private StatSection() {
    }

    /** A default section that prints {@code stats} and gives them to the registry. */
    public static InfoSection of(String name, String title, List<Stat> stats) {
        List<Stat> declared = List.copyOf(stats);
        return InfoSection.written(name, title, true, out -> write(out, declared), declared);
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
