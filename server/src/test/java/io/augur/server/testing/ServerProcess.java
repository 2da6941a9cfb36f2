package io.augur.server.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Augur in a child JVM (same class path, the JVM flags from jvm.properties), so a test can kill -9 it. */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private ServerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static ServerProcess start(Path dir, Path log, String... settings) throws Exception {
        return startWithJvmFlags(List.of(), dir, log, settings);
    }

    /** As {@link #start}, with extra JVM flags (e.g. a system property that changes how natives load). */
    public static ServerProcess startWithJvmFlags(List<String> extraJvmFlags, Path dir, Path log, String... settings)
            throws Exception {
        int port = RedisServerProcess.freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags());
        command.addAll(extraJvmFlags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.augur.server.cli.AugurCommand");
        command.addAll(List.of("serve", "--port", Integer.toString(port), "--dir", dir.toString(), "--metrics-port", "0"));
        command.addAll(Arrays.asList(settings));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return new ServerProcess(process, port);
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("server exited: " + Files.readString(log));
                }
                Thread.sleep(100);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("server did not start: " + Files.readString(log));
    }

    /** The flags of jvm.properties at the repository root (the module's parent directory). */
    static List<String> jvmFlags() throws IOException {
        return flags("augur.jvm.flags");
    }

    /** The heap and GC flags `./augur serve` adds (augur.server.flags): a test of what a user's server holds. */
    public static List<String> launcherServerFlags() throws IOException {
        return flags("augur.server.flags");
    }

    private static List<String> flags(String name) throws IOException {
        Path properties = Path.of("..", "jvm.properties");
        if (!Files.exists(properties)) {
            properties = Path.of("jvm.properties");
        }
        for (String line : Files.readAllLines(properties)) {
            if (line.startsWith(name + "=")) {
                return Arrays.asList(line.substring(name.length() + 1).trim().split("\\s+"));
            }
        }
        throw new IllegalStateException("no " + name + " in " + properties.toAbsolutePath());
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook runs, the store is not closed. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM: the shutdown hook closes the store cleanly. */
    public int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill9();
        }
    }
}
