package io.augur.server.origin;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse.BodySubscriber;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body into bytes, failing as soon as it grows past a limit.
 */
final class BoundedBodySubscriber implements BodySubscriber<byte[]> {

    /*
     * Memory: an origin that streams an endless body must not make us buffer it, so the limit
     * is checked on every chunk and the stream is cancelled at once. A declared Content-Length
     * over the limit fails before the first chunk; the buffer is never sized from that header,
     * since the peer chose it.
     */

    private final long maxBytes;
    private final long declaredBytes;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private Flow.Subscription subscription;

    /** @param declaredBytes the Content-Length, or -1 when the response has none */
    BoundedBodySubscriber(long maxBytes, long declaredBytes) {
        this.maxBytes = maxBytes;
        this.declaredBytes = declaredBytes;
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (declaredBytes > maxBytes) {
            fail(declaredBytes);
            return;
        }
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> chunks) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer chunk : chunks) {
            long total = (long) buffer.size() + chunk.remaining();
            if (total > maxBytes) {
                fail(total);
                return;
            }
            byte[] bytes = new byte[chunk.remaining()];
            chunk.get(bytes);
            buffer.writeBytes(bytes);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        body.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        body.complete(buffer.toByteArray());
    }

    private void fail(long bytes) {
        subscription.cancel();
        body.completeExceptionally(new OriginException(
                "value: " + (bytes == declaredBytes ? "" : "at least ") + bytes + " bytes (expected: <= " + maxBytes + ")"));
    }
}
