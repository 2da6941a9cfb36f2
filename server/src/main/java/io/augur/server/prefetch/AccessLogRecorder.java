package io.augur.server.prefetch;

import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.log.AccessLog;
import io.augur.server.access.AccessRecorder;

import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * The request path's side of the access log: turns each key read and write into an event and
 * offers it without blocking (a full log drops the event and counts it). A miss on a key whose
 * prefetch is still on its way counts as a late prefetch. Until the predictor thread runs, only
 * "prefetch used" is counted (entries persisted by a previous run still carry their mark).
 */
final class AccessLogRecorder implements AccessRecorder {

    private final AccessLog log;
    private final LongSupplier clockMillis;
    private final Predicate<byte[]> prefetchInFlight;
    private final PrefetchStats stats;
    /** Where a prefetch's outcome goes (key, used): the planner's per-context back-off. */
    private final BiConsumer<byte[], Boolean> outcomes;
    private final Freshness freshness;
    /** Told of every read on the request path, after it is logged (RepeatPrefetch). */
    private final Consumer<byte[]> reads;
    private volatile boolean logging;

    AccessLogRecorder(AccessLog log, LongSupplier clockMillis, Predicate<byte[]> prefetchInFlight, PrefetchStats stats,
                      BiConsumer<byte[], Boolean> outcomes, Freshness freshness, Consumer<byte[]> reads) {
        this.freshness = freshness;
        this.reads = reads;
        this.log = log;
        this.clockMillis = clockMillis;
        this.prefetchInFlight = prefetchInFlight;
        this.stats = stats;
        this.outcomes = outcomes;
    }

    /** From now on accesses go to the log (the predictor thread drains it). */
    void startLogging() {
        logging = true;
    }

    @Override
    public void read(byte[] key, boolean hit, long connectionId) {
        if (!logging) {
            return;
        }
        long now = clockMillis.getAsLong();
        if (!hit && prefetchInFlight.test(key)) {
            stats.late.increment();
        }
        freshness.read(key, hit, now);
        log.offer(new AccessEvent(key, AccessEvent.Op.READ, hit, now, connectionId));
        reads.accept(key);
    }

    @Override
    public void prefetchUsed(byte[] key) {
        stats.used.increment();
        stats.sources.used(key);
        outcomes.accept(key, true);
    }

    /** A prefetched entry left the store unread (evicted or expired). */
    void prefetchWasted(byte[] key) {
        stats.wasted.increment();
        stats.sources.wasted(key);
        outcomes.accept(key, false);
    }

    @Override
    public void context(byte[] name, long connectionId) {
        if (logging) {
            log.offer(new AccessEvent(name, AccessEvent.Op.CONTEXT, false, clockMillis.getAsLong(), connectionId));
        }
    }

    @Override
    public void closed(long connectionId) {
        if (logging) {
            log.offer(new AccessEvent(new byte[0], AccessEvent.Op.CLOSE, false, clockMillis.getAsLong(), connectionId));
        }
    }

    @Override
    public void write(byte[] key, long connectionId) {
        if (logging) {
            log.offer(new AccessEvent(key, AccessEvent.Op.WRITE, true, clockMillis.getAsLong(), connectionId));
        }
    }
}
