package io.augur.server.prefetch;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.augur.predictor.fresh.ChangeRates;
import io.augur.predictor.fresh.FreshnessTtl;
import io.augur.predictor.model.KeyBytes;
import io.augur.server.config.FreshnessSettings;
import io.augur.server.store.StoredValue;

import java.util.zip.CRC32C;

/**
 * What Augur knows about the values it loaded from the origin: when each was fetched, a hash of
 * its bytes, its expiry and the reads it had; from refetches, how often each key changes, and so
 * the TTL a new value gets. Bounded: {@link #TRACKED_KEYS} keys, least recently fetched forgotten.
 */
public final class Freshness {

    /** Keys remembered (about 100 bytes each plus the key): the keys whose refetches teach change rates. */
    public static final int TRACKED_KEYS = 100_000;

    /*
     * Change detection: a refetch of a key held now or held recently (still remembered here after
     * it expired) compares a hash of the new bytes with the old one; the interval between the two
     * fetches and the answer (changed or not) is one observation for ChangeRates. The hash is
     * CRC32C (hardware-accelerated in the JDK) with the length: a changed value taken for an
     * unchanged one has a chance of 2^-32.
     *
     * Ownership: a value counts as Augur's (refreshable) only while the store holds exactly the
     * bytes and expiry Augur stored. A client's SET, SET EX, EXPIRE or PERSIST changes one of the
     * two, and from then on the key is the client's: no refresh, no adaptive TTL.
     */

    /** One value Augur stored from the origin. Fields are guarded by the holder's monitor. */
    static final class Held {
        long hash;
        long fetchedAtMillis;
        /** When the stored copy expires (0 = never, or not stored: the client's value won). */
        long expireAtMillis;
        /** Client hits since it was stored. */
        int reads;
        /** Stored by a refresh (its use or waste is still to be counted). */
        boolean refreshed;
        /** Last client read (hit or miss), epoch milliseconds; 0 = none seen. */
        long lastReadMillis;
        /** Smoothed time between client reads, milliseconds (meaningful once {@code readGaps} > 0). */
        double readGapMillis;
        int readGaps;

        /**
         * Whether the value was read during its life (the read-through miss that loaded it counts)
         * and reads come often enough that a value living {@code lifeMillis} is likely read again.
         */
        boolean readOftenWithin(long lifeMillis) {
            return lastReadMillis >= fetchedAtMillis && readGaps > 0 && readGapMillis * MIN_READS_PER_LIFE <= lifeMillis;
        }
    }

    /** Hears of each value Augur stored from the origin (refresh-ahead plans its refresh). */
    interface StoredListener {
        void stored(byte[] key, long nowMillis, long expireAtMillis);
    }

    /**
     * Reads a key must be expected to get per life for refresh-ahead to refetch it: with reads at
     * random, 2 expected reads mean a refreshed value is read before it expires 86% of the time.
     */
    static final double MIN_READS_PER_LIFE = 2;
    /** Weight of the newest gap in the smoothed time between a key's reads. */
    static final double READ_GAP_SMOOTHING = 0.25;

    private final FreshnessSettings settings;
    private final FreshnessStats stats;
    private volatile StoredListener storedListener = (key, now, expireAt) -> { };
    private final ChangeRates rates = new ChangeRates(TRACKED_KEYS);
    private final Cache<KeyBytes, Held> held = Caffeine.newBuilder().maximumSize(TRACKED_KEYS)
            .executor(Runnable::run).build();

    public Freshness(FreshnessSettings settings, FreshnessStats stats) {
        this.settings = settings;
        this.stats = stats;
    }

    static long hash(byte[] value) {
        CRC32C crc = new CRC32C();
        crc.update(value);
        return ((long) value.length << 32) | crc.getValue();
    }

    /** The origin answered {@code value} for {@code key}: if Augur fetched it before, one change observation. */
    void fetched(byte[] key, byte[] value, long nowMillis) {
        Held h = held.getIfPresent(new KeyBytes(key));
        if (h == null) {
            return;
        }
        long hash = hash(value);
        long elapsed;
        boolean changed;
        synchronized (h) {
            elapsed = nowMillis - h.fetchedAtMillis;
            changed = hash != h.hash;
        }
        if (elapsed <= 0) {
            return;
        }
        rates.observe(key, elapsed, changed);
        (changed ? stats.changed : stats.unchanged).increment();
    }

    /** The TTL in milliseconds for a value of {@code key} loaded now; {@code fixedMillis} when adaptive TTLs are off. */
    long ttlMillis(byte[] key, long fixedMillis) {
        if (!settings.adaptiveTtl()) {
            return fixedMillis;
        }
        long ttl = FreshnessTtl.ttlMillis(rates.ratePerMilli(key), settings.staleBudget(), settings.ttlMinMillis(),
                settings.ttlMaxMillis(), fixedMillis == 0 ? settings.ttlMaxMillis() : fixedMillis);
        stats.ttlAssigned(ttl);
        return ttl;
    }

    /**
     * Augur stored {@code value} (fetched at {@code fetchedAtMillis}) with this expiry; {@code refresh}:
     * by refresh-ahead; {@code forRead}: for a client's read that missed (read-through), which counts as a read.
     */
    void stored(byte[] key, byte[] value, long fetchedAtMillis, long expireAtMillis, boolean refresh,
                boolean forRead) {
        Held h = held.get(new KeyBytes(key), k -> new Held());
        synchronized (h) {
            if (h.refreshed && h.reads == 0) {
                stats.refreshWasted.increment(); // refreshed again before anyone read the last refresh
            }
            h.hash = hash(value);
            h.fetchedAtMillis = fetchedAtMillis;
            h.expireAtMillis = expireAtMillis;
            h.reads = 0;
            h.refreshed = refresh;
            if (forRead && h.lastReadMillis == 0) {
                h.lastReadMillis = fetchedAtMillis; // the miss's read came before the key was known here
            }
        }
        storedListener.stored(key, fetchedAtMillis, expireAtMillis);
    }

    void storedListener(StoredListener listener) {
        this.storedListener = listener;
    }

    /**
     * A client read {@code key}: its read rate; on a hit, a refresh used and the hit's estimated
     * stale chance. Command thread, cheap.
     */
    void read(byte[] key, boolean hit, long nowMillis) {
        if (!settings.adaptiveTtl() && !settings.refreshAhead()) {
            return; // off: the request path pays nothing
        }
        Held h = held.getIfPresent(new KeyBytes(key));
        if (h == null) {
            return;
        }
        long age;
        synchronized (h) {
            if (h.lastReadMillis != 0) {
                long gap = Math.max(0, nowMillis - h.lastReadMillis);
                h.readGapMillis = h.readGaps == 0 ? gap : h.readGapMillis + READ_GAP_SMOOTHING * (gap - h.readGapMillis);
                h.readGaps = Math.min(h.readGaps + 1, Integer.MAX_VALUE - 1);
            }
            h.lastReadMillis = nowMillis;
            if (!hit) {
                return;
            }
            if (h.refreshed && h.reads == 0) {
                stats.refreshUsed.increment();
            }
            h.reads++;
            age = nowMillis - h.fetchedAtMillis;
        }
        stats.originHits.increment();
        stats.staleChanceSum.add(FreshnessTtl.staleChance(rates.ratePerMilli(key), age));
    }

    /** Whether the store's entry is still the value Augur stored (not a client's write since). */
    boolean isOurs(byte[] key, StoredValue current) {
        Held h = held.getIfPresent(new KeyBytes(key));
        if (h == null || current == null) {
            return false;
        }
        synchronized (h) {
            return h.expireAtMillis == current.expireAtMillis() && h.hash == hash(current.value());
        }
    }

    /**
     * With the key gone from the store: whether Augur's copy reached its expiry. One gone earlier
     * was deleted by a client (or evicted: the two look alike here) and is not re-stored.
     */
    boolean expired(byte[] key, long nowMillis) {
        Held h = held.getIfPresent(new KeyBytes(key));
        if (h == null) {
            return false;
        }
        synchronized (h) {
            return h.expireAtMillis != 0 && h.expireAtMillis <= nowMillis;
        }
    }

    /** The record of {@code key}, or null. */
    Held held(byte[] key) {
        return held.getIfPresent(new KeyBytes(key));
    }

    /** The estimated change rate of {@code key} per millisecond (NaN = unknown). */
    public double ratePerMilli(byte[] key) {
        return rates.ratePerMilli(key);
    }

    public FreshnessStats stats() {
        return stats;
    }

    public long trackedKeys() {
        return held.estimatedSize();
    }

    public long trackedShapes() {
        return rates.trackedShapes();
    }
}
