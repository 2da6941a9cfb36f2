package io.augur.server.config;

import java.nio.file.Path;

/** TLS settings, with redis-server's names: a TLS port beside (or instead of) the plain one. */
public final class TlsSettings {

    private volatile int port;
    private volatile String certFile = "";
    private volatile String keyFile = "";
    private volatile String caCertFile = "";
    private volatile String authClients = "yes";

    TlsSettings(ServerConfig config) {
        config.add("tls-port", "TLS port to listen on (0 = no TLS)", false, () -> Integer.toString(port),
                v -> port = ConfigValues.parseInt(v, 0, 65535));
        config.add("tls-cert-file", "server certificate chain (PEM)", false, () -> certFile, v -> certFile = v.trim());
        config.add("tls-key-file", "server private key (PEM, PKCS#8)", false, () -> keyFile, v -> keyFile = v.trim());
        config.add("tls-ca-cert-file", "CA certificates (PEM) that client certificates must chain to", false,
                () -> caCertFile, v -> caCertFile = v.trim());
        config.add("tls-auth-clients", "yes: a client certificate is required (with a CA file), optional: checked "
                + "when given, no: not asked for", false, () -> authClients, v -> authClients = parseAuthClients(v));
    }

    private static String parseAuthClients(String v) {
        String s = v.trim().toLowerCase(java.util.Locale.ROOT);
        if (!s.equals("yes") && !s.equals("no") && !s.equals("optional")) {
            throw new IllegalArgumentException("argument must be yes, no or optional");
        }
        return s;
    }

    /** Whether a TLS listener is configured. */
    public boolean enabled() {
        return port > 0;
    }

    public int port() { return port; }
    public Path certFile() { return certFile.isEmpty() ? null : Path.of(certFile); }
    public Path keyFile() { return keyFile.isEmpty() ? null : Path.of(keyFile); }
    public Path caCertFile() { return caCertFile.isEmpty() ? null : Path.of(caCertFile); }
    public String authClients() { return authClients; }
}
