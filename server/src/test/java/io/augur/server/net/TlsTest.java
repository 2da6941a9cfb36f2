package io.augur.server.net;

import io.augur.server.testing.RedisCli;
import io.augur.server.testing.RedisServerProcess;
import io.augur.server.testing.RunningServer;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * TLS with client certificates, as redis-server's tls-* settings: redis-cli --tls and Lettuce talk
 * to the TLS port, a client without a certificate is refused, the plain port keeps working.
 */
class TlsTest {

    @TempDir
    static Path certs;

    @TempDir
    Path dir;

    /** A CA, a server certificate for 127.0.0.1/localhost and a client certificate, made with openssl. */
    @BeforeAll
    static void makeCertificates() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "needs openssl (apt-get install openssl)");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=augur-test-ca",
                "-keyout", "ca.key", "-out", "ca.crt");
        for (String who : List.of("server", "client")) {
            openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + (who.equals("server") ? "localhost" : "client"),
                    "-keyout", who + ".key", "-out", who + ".csr");
            Files.writeString(certs.resolve(who + ".ext"), who.equals("server")
                    ? "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n"
                    : "extendedKeyUsage=clientAuth\n");
            openssl("x509", "-req", "-in", who + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                    "-days", "2", "-extfile", who + ".ext", "-out", who + ".crt");
        }
        // Netty reads PKCS#8 keys; older openssl writes PKCS#1, so convert to be sure.
        openssl("pkcs8", "-topk8", "-nocrypt", "-in", "server.key", "-out", "server.pk8");
    }

    private static void openssl(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(certs.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    }

    private RunningServer startWithTls(int tlsPort) throws Exception {
        return RunningServer.start(dir, "tls-port", Integer.toString(tlsPort),
                "tls-cert-file", certs.resolve("server.crt").toString(),
                "tls-key-file", certs.resolve("server.pk8").toString(),
                "tls-ca-cert-file", certs.resolve("ca.crt").toString());
    }

    @Test
    void redisCli_withACertificate_talksToTheTlsPort() throws Exception {
        assumeTrue(RedisCli.installed() && RedisCli.run(0, "--help").contains("--tls"), "redis-cli without TLS");
        int tlsPort = RedisServerProcess.freePort();
        try (RunningServer server = startWithTls(tlsPort)) {
            String[] tls = {"--tls", "--cacert", certs.resolve("ca.crt").toString(),
                    "--cert", certs.resolve("client.crt").toString(), "--key", certs.resolve("client.key").toString()};
            assertThat(RedisCli.run(tlsPort, concat(tls, "SET", "secure", "yes")).trim()).isEqualTo("OK");
            assertThat(RedisCli.run(tlsPort, concat(tls, "GET", "secure")).trim()).isEqualTo("yes");
            // The plain port serves the same data.
            assertThat(server.lettuce().get("secure")).isEqualTo("yes");
        }
    }

    @Test
    void aClientWithoutACertificate_isRefused_whenACaIsConfigured() throws Exception {
        assumeTrue(RedisCli.installed() && RedisCli.run(0, "--help").contains("--tls"), "redis-cli without TLS");
        int tlsPort = RedisServerProcess.freePort();
        try (RunningServer server = startWithTls(tlsPort)) {
            String out = RedisCli.run(tlsPort, "--tls", "--cacert", certs.resolve("ca.crt").toString(), "PING");
            assertThat(out).doesNotContain("PONG");
            assertThat(server.lettuce().ping()).isEqualTo("PONG"); // and the server is fine
        }
    }

    @Test
    void lettuce_overTls_withAClientCertificate() throws Exception {
        int tlsPort = RedisServerProcess.freePort();
        try (RunningServer server = startWithTls(tlsPort)) {
            RedisClient client = RedisClient.create(RedisURI.builder().withHost("127.0.0.1").withPort(tlsPort)
                    .withSsl(true).withVerifyPeer(true).build());
            client.setOptions(ClientOptions.builder().sslOptions(SslOptions.builder().jdkSslProvider()
                    .trustManager(certs.resolve("ca.crt").toFile())
                    .keyManager(certs.resolve("client.crt").toFile(), certs.resolve("client.key").toFile(), null)
                    .build()).build());
            try (StatefulRedisConnection<String, String> c = client.connect()) {
                assertThat(c.sync().set("k", "over-tls")).isEqualTo("OK");
                assertThat(c.sync().get("k")).isEqualTo("over-tls");
            } finally {
                client.shutdown();
            }
        }
    }

    @Test
    void tlsPortWithoutACertificate_failsStartUpWithOneClearReason() {
        assertThatThrownBy(() -> RunningServer.start(dir, "tls-port", Integer.toString(RedisServerProcess.freePort())))
                .hasMessageContaining("tls-cert-file");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
