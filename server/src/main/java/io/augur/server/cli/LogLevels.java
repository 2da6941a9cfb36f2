package io.augur.server.cli;

/**
 * Maps Redis's `loglevel` onto slf4j-simple, Augur's log backend. slf4j-simple reads its levels
 * once, when the first logger is made, so this runs before the server starts (and logs).
 */
final class LogLevels {

    private static final String DEFAULT_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    /** Chronicle's loggers: at notice they print only warnings (their info lines are start and close chatter). */
    private static final String LIBRARY_LEVEL = "org.slf4j.simpleLogger.log.net.openhft";

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
        if (System.getProperty(LIBRARY_LEVEL) == null) {
            System.setProperty(LIBRARY_LEVEL, libraries);
        }
    }
}
