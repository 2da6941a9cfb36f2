package io.augur.server.deploy;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * deploy/ copied into production must not serve made-up values: only files named demo (and the
 * image test, which runs its own container) use the simulated origin, and the origin is required.
 */
class DeployDefaultsTest {

    private static final Path DEPLOY = Path.of("..", "deploy");

    @Test
    void simulatedOrigin_appearsOnlyInFilesNamedDemo() throws IOException {
        assumeTrue(Files.isDirectory(DEPLOY), "run from the server module");
        List<Path> usingSim;
        try (Stream<Path> files = Files.walk(DEPLOY)) {
            usingSim = files.filter(Files::isRegularFile).filter(DeployDefaultsTest::mentionsSimOrigin).toList();
        }
        assertThat(usingSim).isNotEmpty().allSatisfy(file -> assertThat(
                DEPLOY.relativize(file).toString().contains("demo") || file.endsWith("test-image.sh"))
                .as("%s uses sim:// but is not named demo", file).isTrue());
    }

    @Test
    void composeAndKubernetes_requireAnOrigin() throws IOException {
        assumeTrue(Files.isDirectory(DEPLOY), "run from the server module");
        assertThat(Files.readString(DEPLOY.resolve("compose.yml"))).contains("${AUGUR_ORIGIN:?set AUGUR_ORIGIN");
        for (String manifest : List.of("k8s/augur.yaml", "k8s/sharded/augur-sharded.yaml")) {
            assertThat(Files.readString(DEPLOY.resolve(manifest)))
                    .contains("- name: AUGUR_ORIGIN")
                    .contains("valueFrom: {configMapKeyRef: {name: augur, key: origin}}")
                    .doesNotContain("optional: true");
        }
    }

    private static boolean mentionsSimOrigin(Path file) {
        try {
            // deploy/README.md may name the demo; what deploys is the other files.
            return !file.toString().endsWith(".md") && Files.readString(file).contains("sim://");
        } catch (IOException e) {
            return false; // binary: no origin in it
        }
    }
}
