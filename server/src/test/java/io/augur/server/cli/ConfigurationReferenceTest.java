package io.augur.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/configuration.md is what {@link ConfigurationReference} renders from the settings registry.
 */
class ConfigurationReferenceTest {

    /** Set to true to rewrite the file instead of comparing (the command is in the file's header). */
    private static final String REGENERATE = "augur.regenerate-docs";

    @Test
    void configurationMd_comparedWithSettingsRegistry_isCurrent() throws IOException {
        Path doc = repositoryRoot().resolve("docs/configuration.md");
        String rendered = ConfigurationReference.render();
        if (Boolean.getBoolean(REGENERATE)) {
            Files.writeString(doc, rendered, StandardCharsets.UTF_8);
        }

        assertThat(Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "")
                .as("docs/configuration.md is stale: regenerate it with%n  ./mvnw -B -o -pl server -am verify "
                        + "-Dtest=ConfigurationReferenceTest -Dsurefire.failIfNoSpecifiedTests=false -D%s=true",
                        REGENERATE)
                .isEqualTo(rendered);
    }

    @Test
    void render_everySetting_hasOneRowWithItsDefault() {
        String rendered = ConfigurationReference.render();

        assertThat(rendered).contains("| `--maxmemory-policy` | `noeviction` | yes |");
        assertThat(rendered).contains("| `--store-entries` | `1000000` |  |");
        assertThat(rendered).contains("| `--config FILE` |");
    }

    /** Surefire runs in the module folder; the docs are beside the parent pom. */
    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isDirectory(dir.resolve("docs")) && Files.exists(dir.resolve("mvnw")))) {
            dir = dir.getParent();
        }
        assertThat(dir).as("repository root above %s", Path.of("").toAbsolutePath()).isNotNull();
        return dir;
    }
}
