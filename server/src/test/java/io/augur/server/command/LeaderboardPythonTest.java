package io.augur.server.command;

import io.augur.server.testing.AugurServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** A leaderboard driven by redis-py (Debian's python3-redis) against the real server; skipped only without it. */
class LeaderboardPythonTest {

    @RegisterExtension
    static final AugurServerExtension augur = new AugurServerExtension();

    @Test
    void redisPyLeaderboard_matchesItsModel() throws Exception {
        String python = pythonWithRedis();
        assumeTrue(python != null, "python3-redis is not installed (apt-get install python3-redis)");
        Path script = Files.createTempFile("leaderboard", ".py");
        try (InputStream in = LeaderboardPythonTest.class.getResourceAsStream("leaderboard.py")) {
            Files.write(script, in.readAllBytes());
        }
        Process process = new ProcessBuilder(python, script.toString(), Integer.toString(augur.server().port()))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).startsWith("leaderboard ok: ");
        Files.deleteIfExists(script);
    }

    /** Debian's interpreter first: a pyenv python3 on PATH may lack the Debian package. */
    static String pythonWithRedis() throws Exception {
        for (String candidate : List.of("/usr/bin/python3", "python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import redis").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (java.io.IOException absent) {
                // try the next one
            }
        }
        return null;
    }
}
