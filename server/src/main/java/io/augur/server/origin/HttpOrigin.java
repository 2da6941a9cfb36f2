package io.augur.server.origin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.BodySubscribers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * An origin behind HTTP: {@code GET <template with the key in {key}>}; 200 is the value, 404 absent.
 */
final class HttpOrigin implements Origin {

    /** Where the key goes in a URL template. */
    static final String KEY_PLACEHOLDER = "{key}";
    /** Time to open a TCP (and TLS) connection, in milliseconds. */
    static final long CONNECT_TIMEOUT_MILLIS = 2000;

    private static final int STATUS_OK = 200;
    private static final int STATUS_NOT_FOUND = 404;

    private final String prefix;
    private final String suffix;
    private final String description;
    private final OriginSettings settings;
    private final HttpClient client;

    /** @param template an http(s) URL; {@code {key}} marks the key, else the key is appended as a last segment */
    HttpOrigin(String template, OriginSettings settings) {
        int at = template.indexOf(KEY_PLACEHOLDER);
        if (at < 0) {
            String base = template.endsWith("/") ? template : template + "/";
            at = base.length();
            template = base + KEY_PLACEHOLDER;
        }
        this.prefix = template.substring(0, at);
        this.suffix = template.substring(at + KEY_PLACEHOLDER.length());
        if (suffix.contains(KEY_PLACEHOLDER)) {
            throw new IllegalArgumentException("origin: " + template + " (expected: at most one " + KEY_PLACEHOLDER + ")");
        }
        URI sample = uriFor("k".getBytes());
        if (sample.getHost() == null) {
            throw new IllegalArgumentException("origin: " + template + " (expected: http(s)://host[:port]/path/{key})");
        }
        this.description = describe(sample, template);
        this.settings = settings;
        this.client = HttpClient.newBuilder()
                .connectTimeout(Duration.ofMillis(CONNECT_TIMEOUT_MILLIS))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    URI uriFor(byte[] key) {
        try {
            return URI.create(prefix + KeyEncoding.forUrl(key) + suffix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("origin: " + prefix + KEY_PLACEHOLDER + suffix
                    + " (expected: a valid URL once the key is in place)");
        }
    }

    @Override
    public CompletableFuture<byte[]> fetch(byte[] key) {
        long timeoutMillis = settings.timeoutMillis();
        long maxBytes = settings.maxValueBytes();
        BodyHandler<byte[]> handler = info -> info.statusCode() == STATUS_OK
                ? new BoundedBodySubscriber(maxBytes, info.headers().firstValueAsLong("Content-Length").orElse(-1))
                : BodySubscribers.replacing(null);
        try {
            HttpRequest request = HttpRequest.newBuilder(uriFor(key))
                    .GET()
                    // The JDK aborts the exchange at this deadline, freeing the connection that a
                    // guard's timeout alone would leave busy.
                    .timeout(Duration.ofMillis(timeoutMillis))
                    .build();
            return client.sendAsync(request, handler).handle((response, error) -> interpret(response, error, timeoutMillis));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new OriginException("http origin: " + e.getMessage(), e));
        }
    }

    private static byte[] interpret(HttpResponse<byte[]> response, Throwable error, long timeoutMillis) {
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof OriginException origin) {
                throw origin;
            }
            if (cause instanceof HttpTimeoutException) {
                throw new OriginTimeoutException(timeoutMillis);
            }
            throw new OriginException("http origin: " + cause, cause);
        }
        return switch (response.statusCode()) {
            case STATUS_OK -> response.body();
            case STATUS_NOT_FOUND -> null;
            default -> throw new OriginException("http origin: status " + response.statusCode()
                    + " (expected: 200 or 404)", response.statusCode(), null);
        };
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        // HttpClient has no close() before Java 21; its daemon threads end once it is unreachable.
    }

    /** scheme://host:port/path with user info and query left out: either may carry a secret. */
    private static String describe(URI sample, String template) {
        String path = template.substring(template.indexOf(sample.getRawAuthority()) + sample.getRawAuthority().length());
        int query = path.indexOf('?');
        String hostPort = sample.getHost() + (sample.getPort() < 0 ? "" : ":" + sample.getPort());
        return sample.getScheme() + "://" + hostPort + (query < 0 ? path : path.substring(0, query) + "?…");
    }
}
