package io.augur.server.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs a redis-py script (Debian's python3-redis) from the test resources against a server; skips without redis-py. */
public final class RedisPyScript {

    private RedisPyScript() {
    }

    /**
     * Runs resource {@code name} beside {@code owner} with the server's port as its argument; the script
     * must exit 0 and print a line starting with {@code okPrefix}.
     */
    public static void run(Class<?> owner, String name, int port, String okPrefix) throws Exception {
        String python = interpreter();
        assumeTrue(python != null, "python3-redis is not installed (apt-get install python3-redis)");
        Path script = Files.createTempFile("redis-py", ".py");
        try (InputStream in = owner.getResourceAsStream(name)) {
            Files.write(script, in.readAllBytes());
        }
        try {
            Process process = new ProcessBuilder(python, script.toString(), Integer.toString(port))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(process.exitValue()).as(output).isZero();
            assertThat(output).startsWith(okPrefix);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    /** Debian's interpreter first: a pyenv python3 on PATH may lack the Debian package. Null without redis-py. */
    static String interpreter() throws Exception {
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
