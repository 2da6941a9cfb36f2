package io.augur.predictor.model;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Per client, keys expected to be read within its next {@code horizonReads} reads; each settles
 * once, as read or expired, and its tag is handed to the caller's {@link Settlement}. Not thread-safe.
 */
public final class ExpectedReads<T> {

    /*
     * Settlement: a read settles the client's expectation of that key as read (found by hash), and
     * every expectation whose horizon the read reaches expires. An expectation made horizonReads
     * reads ago that matches now still counts as read. One expectation per key at a time: a key
     * expected again while pending keeps its older deadline.
     *
     * Why a deadline queue: the horizon is the same for every expectation, so deadlines arrive in
     * the order expectations were made and expire from the head of a queue. A read costs one hash
     * lookup plus the expectations it expires, where walking every pending expectation per read
     * took 28% of the predictor thread (JFR, per-user cache-aside load).
     */

    /** Told how an expectation ended. */
    @FunctionalInterface
    public interface Settlement<T> {
        void settled(T tag, boolean read);
    }

    private final int horizonReads;
    private final int maxPerClient;
    private final BoundedLru<Long, Client<T>> pending;

    /**
     * @param horizonReads reads of the same client within which an expected key counts as read
     * @param maxClients   clients tracked; the least recently active is forgotten beyond it
     * @param maxPerClient pending expectations per client; further ones are refused
     */
    public ExpectedReads(int horizonReads, int maxClients, int maxPerClient) {
        if (horizonReads < 1) {
            throw new IllegalArgumentException("horizonReads: " + horizonReads + " (expected: >= 1)");
        }
        this.horizonReads = horizonReads;
        this.maxPerClient = maxPerClient;
        this.pending = new BoundedLru<>(maxClients);
    }

    /** Starts tracking the client with nothing expected, so its next {@link #read} reports it tracked. */
    public void track(long client) {
        pending.computeIfAbsent(client, c -> new Client<>());
    }

    /** The client is expected to read {@code key}. False when the key is already pending or the client is full. */
    public boolean expect(long client, byte[] key, T tag) {
        Client<T> mine = pending.computeIfAbsent(client, c -> new Client<>());
        KeyBytes k = new KeyBytes(key);
        if (mine.byKey.size() >= maxPerClient || mine.byKey.containsKey(k)) {
            return false;
        }
        Pending<T> p = new Pending<>(k, tag, mine.reads + horizonReads);
        mine.byKey.put(k, p);
        mine.byDeadline.addLast(p);
        return true;
    }

    /**
     * The client read {@code key}: settles its expectation of the key as read and the ones whose
     * horizon ends here as not read. Returns whether the client was tracked (had expected
     * anything, or was {@link #track tracked}).
     */
    public boolean read(long client, byte[] key, Settlement<T> settlement) {
        Client<T> mine = pending.get(client);
        if (mine == null) {
            return false;
        }
        long now = ++mine.reads;
        Pending<T> matched = mine.byKey.isEmpty() ? null : mine.byKey.remove(new KeyBytes(key));
        if (matched != null) {
            matched.settled = true;
        }
        Pending<T> head;
        while ((head = mine.byDeadline.peekFirst()) != null && (head.settled || head.deadline <= now)) {
            mine.byDeadline.pollFirst();
            if (!head.settled) {
                mine.byKey.remove(head.key);
                settlement.settled(head.tag, false);
            }
        }
        if (matched != null) {
            settlement.settled(matched.tag, true);
        }
        return true;
    }

    /** Drops the client's expectations unsettled (a closed connection). */
    public void forget(long client) {
        pending.remove(client);
    }

    public int horizonReads() {
        return horizonReads;
    }

    /** One client's pending expectations: by key to settle a read, by deadline to expire. */
    private static final class Client<T> {
        final Map<KeyBytes, Pending<T>> byKey = new HashMap<>();
        /** Oldest deadline first; settled entries stay until they reach the head. */
        final ArrayDeque<Pending<T>> byDeadline = new ArrayDeque<>();
        long reads;
    }

    private static final class Pending<T> {
        final KeyBytes key;
        final T tag;
        final long deadline;
        boolean settled;

        Pending(KeyBytes key, T tag, long deadline) {
            this.key = key;
            this.tag = tag;
            this.deadline = deadline;
        }
    }
}
