package io.augur.server.store;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Redis's eviction pool: samples maxmemory-samples keys from a random segment at a random
 * position, keeps the best candidates seen across evictions, and evicts the best of them.
 */
final class EvictionPool {

    /** Candidates kept between evictions, as Redis's EVPOOL_SIZE. */
    private static final int POOL_SIZE = 16;
    /** Non-empty segments sampled per eviction before giving up (volatile policies with no volatile keys). */
    private static final int MAX_SAMPLING_ROUNDS = 16;

    /** How a policy ranks a sampled candidate: higher is evicted first. */
    @FunctionalInterface
    interface Score {
        long of(byte[] key, long expireAtMillis, long nowMillis);
    }

    private final EntryMap map;
    private final List<Candidate> pool = new ArrayList<>(POOL_SIZE + 64);
    private volatile int samples;

    EvictionPool(EntryMap map, int samples) {
        this.map = map;
        samples(samples);
    }

    /** maxmemory-samples, applied from the next eviction on. */
    void samples(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("maxmemory-samples: " + n + " (expected: >= 1)");
        }
        this.samples = n;
    }

    int samples() {
        return samples;
    }

    /** Samples, ranks the pool by score and evicts its best candidate; false when none was found. */
    boolean evictBest(Score score, boolean volatileOnly, byte[] protectedKey, long now, Eviction.Evictor evictor) {
        // From a random segment on, empty segments are passed over on their header's count: drawing
        // 16 segments at random gave up with OOM on a store of a few large values, whose keys sit in
        // a handful of the 256 segments (as Redis's dictGetSomeKeys walks on past empty buckets).
        // The walk wraps around, so a store of one segment is sampled up to 16 times, as before; it
        // stops early only when a whole lap finds every segment empty.
        int segments = map.segments();
        int segment = ThreadLocalRandom.current().nextInt(segments);
        int sampled = 0;
        for (int emptyInARow = 0; sampled < MAX_SAMPLING_ROUNDS && emptyInARow < segments;
             segment = (segment + 1) % segments) {
            long size = map.segmentSize(segment);
            if (size == 0) {
                emptyInARow++;
                continue;
            }
            emptyInARow = 0;
            sampled++;
            boolean added = false;
            for (Candidate c : sample(segment, size, samples, volatileOnly, now)) {
                if (!Arrays.equals(c.key, protectedKey)) {
                    added |= pool.add(c);
                }
            }
            // Only a fresh candidate ends the search: the pool may hold keys evicted or deleted since
            // they were sampled, and a segment may hold only the store's own metadata entry.
            if (added) {
                break;
            }
        }
        for (Candidate c : pool) {
            c.score = score.of(c.key, c.expireAt, now);
        }
        pool.sort((a, b) -> Long.compare(b.score, a.score));
        while (!pool.isEmpty()) {
            Candidate best = pool.remove(0);
            if (evictor.evict(best.key) != null) {
                while (pool.size() > POOL_SIZE) {
                    pool.remove(pool.size() - 1);
                }
                return true;
            }
        }
        return false;
    }

    /** Forgets the candidates (policy switch, FLUSHALL): their scores meant something else. */
    void clear() {
        pool.clear();
    }

    /** Up to n live entries of one segment of {@code size} entries, starting at a random position in it. */
    private List<Candidate> sample(int segment, long size, int n, boolean volatileOnly, long now) {
        List<Candidate> found = new ArrayList<>(n);
        long skip = size > n ? ThreadLocalRandom.current().nextLong(size) : 0;
        long[] index = {0};
        map.forEachInSegment(segment, (k, v) -> {
            if (index[0]++ < skip) {
                return true;
            }
            long expireAt = EntryCodec.expiry(v);
            if (!Expiry.isExpired(expireAt, now) && (!volatileOnly || expireAt != 0)) {
                found.add(new Candidate(EntryMap.copyOf(k), expireAt));
            }
            return found.size() < n;
        });
        return found;
    }

    /** A sampled eviction candidate with its policy score. */
    private static final class Candidate {
        final byte[] key;
        final long expireAt;
        long score;

        Candidate(byte[] key, long expireAt) {
            this.key = key;
            this.expireAt = expireAt;
        }
    }
}
