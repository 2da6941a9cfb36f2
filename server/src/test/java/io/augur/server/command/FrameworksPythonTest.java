package io.augur.server.command;

import io.augur.server.testing.AugurServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What Django's Redis cache and redis-py's Lock send (Debian's python3-redis over the wire): a
 * transactional set_many with timeouts, get_many, a WATCH transaction, and Lock acquire / extend /
 * release through EVALSHA. Skipped only without python3-redis.
 */
class FrameworksPythonTest {

    @RegisterExtension
    static final AugurServerExtension augur = new AugurServerExtension();

    @Test
    void djangoCacheAndRedisPyLock_behaveAsOnRedis() throws Exception {
        String python = LeaderboardPythonTest.pythonWithRedis();
        assumeTrue(python != null, "python3-redis is not installed (apt-get install python3-redis)");
        Path script = Files.createTempFile("frameworks", ".py");
        try (InputStream in = FrameworksPythonTest.class.getResourceAsStream("frameworks.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process process = new ProcessBuilder(python, script.toString(), Integer.toString(augur.server().port()))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).startsWith("frameworks ok: ");
        Files.deleteIfExists(script);
    }
}
