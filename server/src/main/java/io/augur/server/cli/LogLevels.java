package io.augur.server.cli;

import java.util.List;

/**
 * Maps Redis's `loglevel` onto slf4j-simple, Augur's log backend. slf4j-simple reads its levels
 * once, when the first logger is made, so this runs before the server starts (and logs).
 */
final class LogLevels {

    private static final String DEFAULT_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    /**
     * The libraries whose info lines are start and close chatter (Chronicle's "core loaded from",
     * "Took N ms to performClose"; DJL's platform and thread counts): at notice, warnings only.
     */
    private static final List<String> LIBRARIES = List.of("net.openhft", "ai.djl");

    private LogLevels() {
    }

    /** {@code loglevel}: debug, verbose, notice or warning (validated by the setting). */
    static void apply(String loglevel) {
        switch (loglevel) {
            case "debug" -> set("debug", "debug");
            case "verbose" -> set("info", "info");
            case "warning" -> set("warn", "warn");
            default -> set("info", "warn");
        }
    }

    private static void set(String augur, String libraries) {
        // A -D given on the java command line wins (AUGUR_JAVA_OPTS), as slf4j-simple's own rule is.
        if (System.getProperty(DEFAULT_LEVEL) == null) {
            System.setProperty(DEFAULT_LEVEL, augur);
        }
        for (String library : LIBRARIES) {
            String property = "org.slf4j.simpleLogger.log." + library;
            if (System.getProperty(property) == null) {
                System.setProperty(property, libraries);
            }
        }
    }
}
