package io.augur.server.bench;

import io.augur.server.AugurServer;
import io.augur.server.config.ServerConfig;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One GET (hit) and one SET of a 256 B value through the whole server, in process: Netty, decoder,
 * dispatcher, store, access log, metrics timer, encoder, flush; the client is a blocking socket
 * that allocates nothing per call. With -prof gc (which sums every thread's allocations)
 * gc.alloc.rate.norm is the server's bytes per command (the client's share is ~0).
 * Prefetch and metrics at their defaults, as issue 15's table. Run: bench/jmh.sh ServerRoundTripBenchmark
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ServerRoundTripBenchmark {

    private static final String KEY = "key:000000012345";
    private static final byte[] GET = ascii("*2\r\n$3\r\nGET\r\n$16\r\n" + KEY + "\r\n");
    private static final byte[] SET = ascii("*3\r\n$3\r\nSET\r\n$16\r\n" + KEY + "\r\n$256\r\n" + "v".repeat(256) + "\r\n");
    /** Reply lengths: "$256\r\n" + 256 B + "\r\n", and "+OK\r\n". */
    private static final int GET_REPLY = 6 + 256 + 2;
    private static final int SET_REPLY = 5;

    private Path dir;
    private AugurServer server;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private final byte[] replyBuffer = new byte[1024];

    @Setup(Level.Trial)
    public void start() throws Exception {
        dir = Files.createTempDirectory("augur-roundtrip-bench");
        ServerConfig config = new ServerConfig();
        config.set("port", "0");
        config.set("dir", dir.toString());
        config.set("store-entries", "100000");
        config.set("metrics-port", Integer.toString(freePort())); // metrics on, as by default
        server = AugurServer.start(config);
        socket = new Socket("127.0.0.1", server.port());
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = socket.getInputStream();
        set();
    }

    @TearDown(Level.Trial)
    public void stop() throws Exception {
        socket.close();
        server.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public int get() throws IOException {
        return call(GET, GET_REPLY);
    }

    @Benchmark
    public int set() throws IOException {
        return call(SET, SET_REPLY);
    }

    private int call(byte[] request, int replyBytes) throws IOException {
        out.write(request);
        int read = 0;
        while (read < replyBytes) {
            int n = in.read(replyBuffer, read, replyBytes - read);
            if (n < 0) {
                throw new IOException("server closed the connection");
            }
            read += n;
        }
        return replyBuffer[0];
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
