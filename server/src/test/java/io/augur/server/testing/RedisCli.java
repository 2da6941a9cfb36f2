package io.augur.server.testing;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The real `redis-cli` binary (Debian's redis-tools), run as a child process. */
public final class RedisCli {

    private RedisCli() {
    }

    public static boolean installed() {
        return Files.isExecutable(Path.of("/usr/bin/redis-cli"));
    }

    /** Runs `redis-cli -p port args…` and returns stdout; fails when it does not finish in 30 s. */
    public static String run(int port, String... args) throws Exception {
        return runWithInput(port, null, args);
    }

    public static String runWithInput(int port, byte[] stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("redis-cli", "-h", "127.0.0.1", "-p", Integer.toString(port)));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            process.getOutputStream().write(stdin);
        }
        process.getOutputStream().close();
        byte[] out = readAll(process.getInputStream());
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("redis-cli did not finish: " + command);
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static byte[] readAll(InputStream in) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        in.transferTo(buffer);
        return buffer.toByteArray();
    }
}
