package io.augur.server.testing;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Debian's twemproxy (`nutcracker`) in Redis mode on a free loopback port, sharding over the given
 * backends with consistent hashing (ketama over murmur), as deploy/compose.yml and deploy/k8s run it.
 *
 * <p>Not fnv1a_64: twemproxy keeps its low 32 bits, whose multiplier is only 0x1b3, so keys that
 * differ in their last characters (key:1 … key:200) crowd one arc of the ring; measured here, 110/90/0
 * keys over three nodes, against 72/79/49 with murmur.
 */
public final class NutcrackerProcess implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/sbin/nutcracker");

    private final Process process;
    private final int port;

    private NutcrackerProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /**
     * Starts the proxy in {@code dir} in front of {@code backendPorts} on 127.0.0.1. Backends are
     * named node1, node2, …: ketama hashes the names, not the ports, so a key lands on the same
     * node whatever ports the test picked.
     */
    public static NutcrackerProcess start(Path dir, List<Integer> backendPorts) throws Exception {
        int port = RedisServerProcess.freePort();
        String servers = IntStream.range(0, backendPorts.size())
                .mapToObj(i -> "    - 127.0.0.1:" + backendPorts.get(i) + ":1 node" + (i + 1))
                .collect(Collectors.joining("\n"));
        Path config = dir.resolve("nutcracker.yml");
        Files.writeString(config, """
                augur:
                  listen: 127.0.0.1:%d
                  redis: true
                  hash: murmur
                  distribution: ketama
                  auto_eject_hosts: false
                  timeout: 5000
                  servers:
                %s
                """.formatted(port, servers));
        Process process = new ProcessBuilder(BINARY.toString(), "-c", config.toString(),
                "-s", Integer.toString(RedisServerProcess.freePort()), "-a", "127.0.0.1",
                "-p", dir.resolve("nutcracker.pid").toString(), "-o", dir.resolve("nutcracker.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nutcracker.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return new NutcrackerProcess(process, port);
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("nutcracker exited: " + Files.readString(dir.resolve("nutcracker.out"))
                            + Files.readString(dir.resolve("nutcracker.log")));
                }
                Thread.sleep(50);
            }
        }
        process.destroyForcibly();
        throw new IllegalStateException("nutcracker did not start on port " + port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
