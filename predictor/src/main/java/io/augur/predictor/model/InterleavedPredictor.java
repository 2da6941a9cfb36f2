package io.augur.predictor.model;

import io.augur.predictor.log.AccessEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Successors learned from the server's whole read stream, not from one client's: for each key, the
 * keys read within the next {@link #WINDOW} reads by anyone, kept only when they followed it in two
 * of its windows. What a shared connection or a round-robin pool needs, where one user's reads are
 * spread among everyone else's and no client id or key names whose read is whose.
 */
public final class InterleavedPredictor implements Predictor {

    /*
     * Why two windows: among the WINDOW reads after a key, one is its user's next read and the rest
     * are other users' reads, different every time. A key that followed it in the window before as
     * well is very likely the real successor (C-Miner, Li et al., FAST 2004, mines block
     * correlations out of an interleaved stream with the same gap window). So when a key B is read,
     * each key A in the window behind it asks whether B was also read within WINDOW reads after A's
     * read before that one; if so B is counted as A's follower (space-saving, FOLLOWERS counters).
     * The score is the share of its windows the follower came in less the share it comes in by
     * chance (its own read rate), and the chance served is that score calibrated on whether anyone
     * read the key within WINDOW reads.
     *
     * How "was B read in A's window before": each key keeps the read clocks of its last HISTORY
     * reads, and each window slot the clock of its key's read before the slot's one. The answer is
     * exact. It was a Bloom filter of the window per key (512 B per key, ~1% false positives, two or
     * three false followers per window crowding the real one): the replay of the per-user trace on
     * one shared connection (tinylfu 5%, batches of 90, WINDOW 256) gave 0.3824 with it, 0.3904 and
     * 0.3931 with filters two and four times larger, 0.3959 with the exact answer (48 B per key). A key
     * read more than HISTORY times since A's earlier read is missed: it is read far more often than
     * A, so it falls in A's windows by chance and its lift is near 0 anyway.
     *
     * Cost: WINDOW slots visited per read, a few clock comparisons each. Memory: 48 B of clocks per
     * key tracked and ~200 B of counters per key with followers, MAX_KEYS at most.
     */

    /**
     * Reads of the whole server after a key in which its followers are looked for (a power of two).
     * With 128 users interleaved a user's next read falls within 256 reads 86% of the time (within
     * 128, 63%; within 512, 98%). Replay of the per-user trace (tinylfu 5%, lstm-untrained, the live
     * batches), 128 / 256 / 512: one shared connection 0.3686 / 0.3959 / 0.4087, pool of 16 at 256 /
     * 512: 0.3909 / 0.4052. Not 512: where users walk in step (each through all its routes in turn,
     * InterleavedPredictorTest) a key's two windows share ~4x as many other users' keys by chance
     * as at 256, and they crowd the real follower out of the counters (named for 10 of 128 users at
     * 512 with 16 or 32 counters, for most at 256).
     */
    public static final int WINDOW = 256;
    /** Keys tracked; the least recently read is forgotten beyond this. */
    static final int MAX_KEYS = 65_536;
    /** Followers counted per key. */
    private static final int FOLLOWERS = 16;
    /** Read clocks kept per key: how far back a follower's reads are looked for (see the note above). */
    private static final int HISTORY = 4;
    /** A read clock where there was no read: before any window (and far enough from overflow to add WINDOW). */
    private static final long NEVER = Long.MIN_VALUE / 2;
    /** Reads of a key after which its counts halve, so the table follows a changing workload. */
    private static final int DECAY_AT_READS = 64;
    private static final int MAX_CONNECTIONS = 65_536;
    /** The one client of the outcome tracker: every read settles every proposal. */
    private static final long ALL_READS = 0;
    /** Proposals awaiting their outcome (a few per read over WINDOW reads). */
    private static final int MAX_PENDING_OUTCOMES = 8 * WINDOW;
    /**
     * Followers in more than this share of all windows are not counted: with per-user keys read
     * every few hundred reads (a session's first key) two windows running share several of them by
     * chance, more than the one real follower (measured with the Bloom filters on the per-user trace
     * on one connection: 4.0% of users' next reads named among two, against 16.4% once left out at
     * 0.1). With the exact answer fewer keys need leaving out: replay of the per-user trace (tinylfu
     * 5%, live batches) at 0.1 / 0.2 / 0.3 / 0.5 / 1.0: one shared connection 0.3959 / 0.4012 /
     * 0.4039 / 0.4031 / 0.4026; pool of 16 at 0.1 / 0.3 / 0.5: 0.3909 / 0.4001 / 0.3993.
     */
    private static final double MAX_FOLLOWER_WINDOW_SHARE = 0.3;

    private final BoundedLru<KeyBytes, Followers> table = new BoundedLru<>(MAX_KEYS);
    private final Followers[] window = new Followers[WINDOW];
    /** Per window slot: the clock of its read. */
    private final long[] windowReadAt = new long[WINDOW];
    /** Per window slot: the clock of its key's read before that one, NEVER when none. */
    private final long[] windowEarlierAt = new long[WINDOW];
    private int next;
    private int filled;
    /** Reads observed: the clock of each key's read rate. */
    private long reads;
    private final BoundedLru<Long, KeyBytes> lastKeyByContext = new BoundedLru<>(MAX_CONNECTIONS);
    /** Its proposals, each settled by whether anyone reads the key within WINDOW reads: the calibration's outcomes. */
    private final ExpectedReads<Double> outcomes = new ExpectedReads<>(WINDOW, 1, MAX_PENDING_OUTCOMES);
    private final Calibration calibration = new Calibration();

    @Override
    public String name() {
        return Predictors.INTERLEAVED;
    }

    @Override
    public void observe(AccessEvent event) {
        if (event.op() != AccessEvent.Op.READ) {
            return;
        }
        KeyBytes key = new KeyBytes(event.key());
        lastKeyByContext.put(event.connectionId(), key);
        outcomes.read(ALL_READS, event.key(), calibration::record);
        reads++;
        Followers followers = table.get(key);
        if (followers == null) {
            followers = new Followers(key, reads);
            table.put(key, followers);
        }
        long lastRead = followers.lastRead();
        // A key in most windows anyway (read about once per WINDOW reads or more) follows everything
        // and is cached by any policy: counting it would crowd the real followers out.
        if (lastRead != NEVER && followers.windowShare(reads) <= MAX_FOLLOWER_WINDOW_SHARE) {
            // Only a slot whose earlier read lies within WINDOW before one of this key's kept reads
            // can count it: most slots fail these two comparisons, and a key read for the first
            // time (no kept read) skips the loop.
            long from = followers.oldestRead() - WINDOW;
            for (int i = 0; i < filled; i++) {
                long earlierAt = windowEarlierAt[i];
                if (earlierAt < from || earlierAt >= lastRead) {
                    continue;
                }
                Followers earlier = window[i];
                // Counted once per window: a read of this key after the slot's read was counted then.
                if (earlier != followers && lastRead < windowReadAt[i]
                        && followers.readWithin(earlierAt, earlierAt + WINDOW)) {
                    earlier.count(followers);
                }
            }
        }
        window[next] = followers;
        windowReadAt[next] = reads;
        windowEarlierAt[next] = lastRead;
        followers.read(reads);
        next = (next + 1) & (WINDOW - 1);
        filled = Math.min(WINDOW, filled + 1);
    }

    @Override
    public List<Prediction> predict(long connectionId, int k) {
        KeyBytes last = lastKeyByContext.get(connectionId);
        return last == null ? List.of() : followersOf(last, k);
    }

    /** The keys read after {@code key} within the window, whoever reads them: what this table knows is by key alone. */
    @Override
    public List<Prediction> predictAfter(byte[] key, int k) {
        return followersOf(new KeyBytes(key), k);
    }

    @Override
    public List<Prediction> predictByKey(long connectionId, byte[] key, int k) {
        return predictAfter(key, k);
    }

    /** The key's counted followers, each with its calibrated chance; each one's outcome is tracked. */
    private List<Prediction> followersOf(KeyBytes key, int k) {
        Followers followers = table.get(key);
        if (followers == null) {
            return List.of();
        }
        List<Prediction> lifted = followers.top(k, reads, name());
        List<Prediction> result = new ArrayList<>(lifted.size());
        for (Prediction p : lifted) {
            outcomes.expect(ALL_READS, p.key(), p.probability());
            result.add(new Prediction(p.key(), calibration.calibrated(p.probability()), p.depth(), p.source()));
        }
        return result;
    }

    @Override
    public void forgetConnection(long connectionId) {
        lastKeyByContext.remove(connectionId);
    }

    /** Keys tracked (bounded by {@link #MAX_KEYS}). */
    public int trackedKeys() {
        return table.size();
    }

    /** One key's followers: the clocks of its last reads and the counted followers. */
    private static final class Followers {
        private final KeyBytes key;
        /** The read clock when this key's counts last halved (or it was first read). */
        private long since;
        /** The clocks of its last HISTORY reads, a ring; NEVER where none. */
        private final long[] readAt = new long[HISTORY];
        private int lastSlot;
        /** The counted followers, their counts and errors; null until the first is counted (most keys never have one). */
        private Followers[] keys;
        private int[] counts;
        private int[] errors;
        /** Reads of this key since the counts last halved, the first one excluded (it has no window before it). */
        private int windows = -1;

        Followers(KeyBytes key, long now) {
            this.key = key;
            this.since = now;
            java.util.Arrays.fill(readAt, NEVER);
        }

        /**
         * The share of windows this key falls in by chance: WINDOW times its read rate (reads after the
         * first over the reads since), 0 for a key read once.
         */
        double windowShare(long now) {
            return windows <= 0 ? 0 : Math.min(1.0, (double) WINDOW * windows / Math.max(WINDOW, now - since));
        }

        long lastRead() {
            return readAt[lastSlot];
        }

        /** The oldest of its kept reads (NEVER counts as none); call only when it has one. */
        long oldestRead() {
            long oldest = Long.MAX_VALUE;
            for (long at : readAt) {
                if (at != NEVER && at < oldest) {
                    oldest = at;
                }
            }
            return oldest;
        }

        /** Whether one of its kept reads came after {@code from} and no later than {@code to}. */
        boolean readWithin(long from, long to) {
            for (long at : readAt) {
                if (at > from && at <= to) {
                    return true;
                }
            }
            return false;
        }

        /** A new read of the key. */
        void read(long now) {
            lastSlot = (lastSlot + 1) % HISTORY;
            readAt[lastSlot] = now;
            if (++windows >= DECAY_AT_READS) {
                windows /= 2;
                since = now - (now - since) / 2;
                for (int i = 0; counts != null && i < FOLLOWERS; i++) {
                    counts[i] /= 2;
                    errors[i] /= 2;
                }
            }
        }

        /**
         * Counts a follower seen in two windows running (space-saving: a newcomer takes the weakest
         * counter and inherits its count as its error, so its guaranteed count starts at one).
         */
        void count(Followers follower) {
            if (keys == null) {
                keys = new Followers[FOLLOWERS];
                counts = new int[FOLLOWERS];
                errors = new int[FOLLOWERS];
            }
            int weakest = 0;
            for (int i = 0; i < FOLLOWERS; i++) {
                if (counts[i] > 0 && keys[i] == follower) {
                    counts[i]++;
                    return;
                }
                if (counts[i] < counts[weakest]) {
                    weakest = i;
                }
            }
            keys[weakest] = follower;
            errors[weakest] = counts[weakest];
            counts[weakest]++;
        }

        private int guaranteed(int i) {
            return counts[i] - errors[i];
        }

        List<Prediction> top(int k, long now, String source) {
            if (keys == null) {
                return List.of();
            }
            List<Prediction> result = new ArrayList<>(Math.min(k, FOLLOWERS));
            boolean[] taken = new boolean[FOLLOWERS];
            for (int n = 0; n < k; n++) {
                int best = -1;
                for (int i = 0; i < FOLLOWERS; i++) {
                    if (!taken[i] && counts[i] > errors[i] && (best < 0 || guaranteed(i) > guaranteed(best))) {
                        best = i;
                    }
                }
                if (best < 0) {
                    break;
                }
                taken[best] = true;
                // The share of windows it came in, less the share it falls in by chance (lift).
                double share = Math.min(1.0, (double) guaranteed(best) / (windows + 1));
                double chance = keys[best].windowShare(now);
                double lift = chance >= 1 ? 0 : (share - chance) / (1 - chance);
                if (lift > 0) {
                    result.add(new Prediction(keys[best].key.bytes(), lift, 1, source));
                }
            }
            return result;
        }
    }
}
