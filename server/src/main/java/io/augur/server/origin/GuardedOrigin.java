package io.augur.server.origin;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongConsumer;

/**
 * Wraps an origin with a timeout, a concurrency limit, a circuit breaker and single-flight loading.
 */
public final class GuardedOrigin implements Origin {

    /** Fewest calls in the window before the breaker judges the failure rate. */
    static final int BREAKER_MIN_CALLS = 10;
    /** Probe calls let through when half-open; all decide whether the breaker closes again. */
    static final int BREAKER_PROBE_CALLS = 3;

    /*
     * Order of checks: a fetch first joins an identical fetch in flight (single-flight), which
     * costs the origin nothing and so passes every limit. A new backend call then takes a
     * concurrency slot, then a breaker permission; a refusal at either fails fast, since
     * waiting would queue without bound under exactly the overload the limits exist for.
     *
     * Timeout: the deadline completes the shared future and frees the slot even if the backend
     * never answers; otherwise one hung origin would hold every slot forever. The backend may
     * therefore briefly see more than maxConcurrent calls, bounded by its own timeouts (the
     * HTTP and Redis backends cancel at the same deadline). Timeouts count as breaker failures.
     *
     * Breaker: count-based window; the open -> half-open step happens on the first call after
     * the wait (no timer thread), so breakerState may read "open" a while after the wait ends.
     *
     * Threads: a future completes on the thread that finished the call: a backend's I/O thread,
     * or the JDK's single timeout thread at a deadline. Callers should move heavy work onto their
     * own executor (the channel's event loop) rather than run it in a dependent stage.
     *
     * Callers get a copy of the shared future, so one caller cancelling or completing its copy
     * cannot change what the other callers of the same key receive.
     */

    private final Origin delegate;
    private final OriginSettings settings;
    private final CircuitBreaker breaker;
    private final ConcurrentHashMap<ByteBuffer, CompletableFuture<byte[]>> inFlightByKey = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder requests = new LongAdder();
    private final LongAdder hits = new LongAdder();
    private final LongAdder absent = new LongAdder();
    private final LongAdder errors = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder rejectedBusy = new LongAdder();
    private final LongAdder rejectedOpen = new LongAdder();
    private final LongAdder coalesced = new LongAdder();
    private final LatencyTotals latency = new LatencyTotals();
    /** Sees each finished backend call's latency in nanoseconds (the metrics histogram); none until set. */
    private volatile LongConsumer latencyObserver = nanos -> { };

    public GuardedOrigin(Origin delegate, OriginSettings settings) {
        this(delegate, settings, Clock.systemUTC());
    }

    /** With the clock the breaker measures its open wait on, so a test can step past the wait instead of sleeping. */
    GuardedOrigin(Origin delegate, OriginSettings settings, Clock breakerClock) {
        this.delegate = delegate;
        this.settings = settings;
        this.breaker = CircuitBreaker.of("origin", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.breakerWindow())
                .minimumNumberOfCalls(Math.min(BREAKER_MIN_CALLS, settings.breakerWindow()))
                .failureRateThreshold(settings.breakerFailureRatePercent())
                .waitDurationInOpenState(Duration.ofMillis(settings.breakerOpenMillis()))
                .permittedNumberOfCallsInHalfOpenState(BREAKER_PROBE_CALLS)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .clock(breakerClock)
                .build());
    }

    @Override
    public CompletableFuture<byte[]> fetch(byte[] key) {
        requests.increment();
        ByteBuffer id = ByteBuffer.wrap(key.clone());
        CompletableFuture<byte[]> shared = new CompletableFuture<>();
        CompletableFuture<byte[]> running = inFlightByKey.putIfAbsent(id, shared);
        if (running != null) {
            coalesced.increment();
            return running.copy();
        }
        start(id, key, shared);
        return shared.copy();
    }

    private void start(ByteBuffer id, byte[] key, CompletableFuture<byte[]> shared) {
        int limit = settings.maxConcurrent();
        if (inFlight.incrementAndGet() > limit) {
            inFlight.decrementAndGet();
            rejectedBusy.increment();
            finish(id, shared, null, new OriginBusyException(limit));
            return;
        }
        if (!breaker.tryAcquirePermission()) {
            inFlight.decrementAndGet();
            rejectedOpen.increment();
            finish(id, shared, null, new OriginUnavailableException(delegate.describe()));
            return;
        }
        long timeoutMillis = settings.timeoutMillis();
        long startNanos = System.nanoTime();
        CompletableFuture<byte[]> attempt = new CompletableFuture<>();
        attempt.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS)
                .whenComplete((value, error) -> settle(id, shared, startNanos, timeoutMillis, value, error));
        CompletableFuture<byte[]> call;
        try {
            call = delegate.fetch(key);
        } catch (RuntimeException e) {
            call = CompletableFuture.failedFuture(e);
        }
        call.whenComplete((value, error) -> {
            if (error != null) {
                attempt.completeExceptionally(error);
            } else {
                attempt.complete(value);
            }
        });
    }

    private void settle(ByteBuffer id, CompletableFuture<byte[]> shared, long startNanos, long timeoutMillis,
                        byte[] value, Throwable error) {
        long nanos = System.nanoTime() - startNanos;
        inFlight.decrementAndGet();
        latency.record(nanos);
        latencyObserver.accept(nanos);
        Throwable cause = unwrap(error);
        if (cause instanceof TimeoutException || cause instanceof OriginTimeoutException) {
            timeouts.increment();
            cause = new OriginTimeoutException(timeoutMillis);
            breaker.onError(nanos, TimeUnit.NANOSECONDS, cause);
        } else if (cause != null) {
            errors.increment();
            breaker.onError(nanos, TimeUnit.NANOSECONDS, cause);
        } else {
            (value == null ? absent : hits).increment();
            breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        }
        finish(id, shared, value, cause);
    }

    /** Removes the key before completing, so a fetch arriving after the answer starts a fresh call. */
    private void finish(ByteBuffer id, CompletableFuture<byte[]> shared, byte[] value, Throwable error) {
        inFlightByKey.remove(id, shared);
        if (error != null) {
            shared.completeExceptionally(error);
        } else {
            shared.complete(value);
        }
    }

    private static Throwable unwrap(Throwable error) {
        while (error instanceof CompletionException && error.getCause() != null) {
            error = error.getCause();
        }
        return error;
    }

    /** A consistent-enough snapshot of the counters (each is exact; they are read one by one). */
    public OriginStats stats() {
        return new OriginStats(requests.sum(), hits.sum(), absent.sum(), errors.sum(), timeouts.sum(),
                rejectedBusy.sum(), rejectedOpen.sum(), inFlight.get(), coalesced.sum(), breakerState(),
                latency.sumMicros(), latency.count());
    }

    /** Where each finished backend call's latency (nanoseconds) goes besides INFO's totals: the metrics timer. */
    public void latencyObserver(LongConsumer observer) {
        this.latencyObserver = observer;
    }

    private String breakerState() {
        return switch (breaker.getState()) {
            case CLOSED -> "closed";
            case OPEN -> "open";
            case HALF_OPEN -> "half_open";
            default -> breaker.getState().name().toLowerCase();
        };
    }

    /** The origin this guard wraps. */
    public Origin delegate() {
        return delegate;
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
