package io.augur.server.origin;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real in-memory origin whose answers a test decides: hold calls open, fail, or answer.
 */
final class ControlledOrigin implements Origin {

    enum Mode { ANSWER, FAIL, HOLD }

    private volatile Mode mode = Mode.ANSWER;
    private final AtomicInteger calls = new AtomicInteger();
    private final List<CompletableFuture<byte[]>> held = new CopyOnWriteArrayList<>();

    void mode(Mode mode) {
        this.mode = mode;
    }

    int calls() {
        return calls.get();
    }

    /** Answers every held call with its key's simulated value. */
    void releaseHeld(byte[] value) {
        held.forEach(future -> future.complete(value));
        held.clear();
    }

    @Override
    public CompletableFuture<byte[]> fetch(byte[] key) {
        calls.incrementAndGet();
        return switch (mode) {
            case ANSWER -> CompletableFuture.completedFuture(SimulatedOrigin.expectedValue(key, 16));
            case FAIL -> CompletableFuture.failedFuture(new OriginException("controlled failure"));
            case HOLD -> {
                CompletableFuture<byte[]> future = new CompletableFuture<>();
                held.add(future);
                yield future;
            }
        };
    }

    @Override
    public String describe() {
        return "controlled";
    }

    @Override
    public void close() {
    }
}
