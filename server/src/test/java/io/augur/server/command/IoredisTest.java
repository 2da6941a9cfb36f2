package io.augur.server.command;

import io.augur.server.testing.AugurServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * ioredis (Node.js) over the wire: MULTI/EXEC with its error shapes, WATCH, a pipeline, and a
 * subscriber receiving PUBLISH. ioredis is installed from npm into target/ on first run (nothing
 * is vendored); the test skips only where node itself is absent (.ci/run installs it).
 */
class IoredisTest {

    /** The ioredis release checked; 5.x is what most Node.js applications run. */
    private static final String IOREDIS_VERSION = "5.9.3";
    private static final Path INSTALL_DIR = Path.of("target", "ioredis-" + IOREDIS_VERSION).toAbsolutePath();

    @RegisterExtension
    static final AugurServerExtension augur = new AugurServerExtension();

    @Test
    void ioredis_multiExecAndSubscriber_work() throws Exception {
        assumeTrue(succeeds(List.of("node", "--version")), "node is not installed (apt-get install nodejs npm)");
        installIoredis();
        Path script = Files.createTempFile("ioredis-check", ".js");
        try (InputStream in = IoredisTest.class.getResourceAsStream("ioredis-check.js")) {
            Files.write(script, in.readAllBytes());
        }
        ProcessBuilder node = new ProcessBuilder("node", script.toString(), Integer.toString(augur.server().port()))
                .redirectErrorStream(true);
        node.environment().put("NODE_PATH", INSTALL_DIR.resolve("node_modules").toString());
        Process process = node.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).startsWith("ioredis ok: ");
        Files.deleteIfExists(script);
    }

    /** npm install into target/ unless an earlier run did; a failed install fails the test (CI has npm). */
    private static void installIoredis() throws Exception {
        if (Files.exists(INSTALL_DIR.resolve("node_modules/ioredis/package.json"))) {
            return;
        }
        Files.createDirectories(INSTALL_DIR);
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error",
                "--prefix", INSTALL_DIR.toString(), "ioredis@" + IOREDIS_VERSION).redirectErrorStream(true).start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(npm.waitFor(300, TimeUnit.SECONDS)).as("npm install ioredis finishes").isTrue();
        assertThat(npm.exitValue()).as("npm install ioredis: %s", output).isZero();
    }

    private static boolean succeeds(List<String> command) throws InterruptedException {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException absent) {
            return false;
        }
    }
}
