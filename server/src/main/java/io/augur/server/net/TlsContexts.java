package io.augur.server.net;

import io.augur.server.config.TlsSettings;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

import javax.net.ssl.SSLException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds the server's TLS context from the tls-* settings; a missing or bad file fails start-up in one line. */
final class TlsContexts {

    private TlsContexts() {
    }

    static SslContext server(TlsSettings tls) {
        Path cert = require(tls.certFile(), "tls-cert-file");
        Path key = require(tls.keyFile(), "tls-key-file");
        try {
            SslContextBuilder builder = SslContextBuilder.forServer(cert.toFile(), key.toFile());
            Path ca = tls.caCertFile();
            if (ca != null) {
                readable(ca, "tls-ca-cert-file");
                builder.trustManager(ca.toFile()).clientAuth(switch (tls.authClients()) {
                    case "no" -> ClientAuth.NONE;
                    case "optional" -> ClientAuth.OPTIONAL;
                    default -> ClientAuth.REQUIRE;
                });
            }
            return builder.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("TLS: cannot use " + cert + " / " + key + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        }
    }

    private static Path require(Path file, String setting) {
        if (file == null) {
            throw new IllegalArgumentException("TLS: tls-port is set but " + setting + " is not");
        }
        return readable(file, setting);
    }

    private static Path readable(Path file, String setting) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("TLS: " + setting + " " + file + " is not readable");
        }
        return file;
    }
}
