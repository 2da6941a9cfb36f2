package io.augur.server.cli;

import io.augur.server.config.ServerConfig;
import io.augur.server.config.Setting;
import java.util.Set;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Renders docs/configuration.md from the settings registry and the options of {@code augur serve}.
 */
final class ConfigurationReference {

    /* Why from the code: a hand-kept option table drifts from the defaults and the live flags the
     * server really has. ConfigurationReferenceTest fails when the file and this rendering differ. */

    /** Options picocli adds to every command; `augur serve --help` documents them. */
    private static final Set<String> STANDARD_OPTIONS = Set.of("--help", "--version", "-h", "-V");

    private ConfigurationReference() {
    }

    static String render() {
        ServerConfig config = new ServerConfig();
        StringBuilder doc = new StringBuilder();
        doc.append("""
                # Configuration

                <!-- Generated from the settings registry (ServerConfig and the settings it registers) and the
                     options of `augur serve` by ConfigurationReference. Do not edit by hand: change the code, then
                     ./mvnw -B -o -pl server -am verify -Dtest=ConfigurationReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -Daugur.regenerate-docs=true -->

                Every setting has `redis-server`'s name and is given the same way everywhere:

                - on the command line as `--name value` (`./augur serve --help` prints this table); a yes/no
                  setting given alone means yes (`--read-through` is `--read-through yes`);
                - in a file named by `--config FILE`, as redis.conf-style `name value` lines; the command line
                  wins over the file;
                - in the container image as `AUGUR_<NAME>` variables (`AUGUR_MAXMEMORY_POLICY` is
                  `--maxmemory-policy`); a file named by `AUGUR_CONFIG` overrides them and arguments override both;
                - while running, with `CONFIG GET name` and, for settings marked *live*, `CONFIG SET name value`.

                A bad option or value prints one line and exits non-zero. Sizes take `kb`, `mb`, `gb`
                (`100mb`); defaults are shown as `CONFIG GET` prints them.

                | option | default | live | meaning |
                |---|---|---|---|
                """);
        for (Setting setting : config.settings().values()) {
            row(doc, "--" + setting.name(), setting.value().isEmpty() ? "none" : "`" + setting.value() + "`",
                    setting.live() ? "yes" : "", setting.description());
        }
        for (OptionSpec option : ServeCommand.commandLine(new ServerConfig()).getCommandSpec().options()) {
            String name = option.longestName();
            if (!STANDARD_OPTIONS.contains(name) && config.setting(name.substring(2)) == null) {
                row(doc, name + (option.arity().max() == 0 ? "" : " " + option.paramLabel()), "", "",
                        String.join(" ", option.description()));
            }
        }
        return doc.toString();
    }

    private static void row(StringBuilder doc, String option, String defaultValue, String live, String meaning) {
        doc.append("| `").append(option).append("` | ").append(cell(defaultValue)).append(" | ").append(live)
                .append(" | ").append(cell(meaning)).append(" |\n");
    }

    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
