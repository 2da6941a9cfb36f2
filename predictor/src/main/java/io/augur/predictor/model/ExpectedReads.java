package io.augur.predictor.model;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per client, keys expected to be read within its next {@code horizonReads} reads; each settles
 * once, as read or expired, and its tag is handed to the caller's {@link Settlement}. Not thread-safe.
 */
public final class ExpectedReads<T> {

    /*
     * Settlement order: a read walks the client's expectations oldest first, settling the one it
     * matches as read and ageing the others, so an expectation made horizonReads reads ago that
     * matches now still counts as read. One expectation per key at a time: a key expected again
     * while pending keeps its older deadline.
     */

    /** Told how an expectation ended. */
    @FunctionalInterface
    public interface Settlement<T> {
        void settled(T tag, boolean read);
    }

    private final int horizonReads;
    private final int maxPerClient;
    private final BoundedLru<Long, Map<KeyBytes, Pending<T>>> pending;

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
        pending.computeIfAbsent(client, c -> new LinkedHashMap<>());
    }

    /** The client is expected to read {@code key}. False when the key is already pending or the client is full. */
    public boolean expect(long client, byte[] key, T tag) {
        Map<KeyBytes, Pending<T>> mine = pending.computeIfAbsent(client, c -> new LinkedHashMap<>());
        KeyBytes k = new KeyBytes(key);
        if (mine.containsKey(k) || mine.size() >= maxPerClient) {
            return false;
        }
        mine.put(k, new Pending<>(tag, horizonReads));
        return true;
    }

    /**
     * The client read {@code key}: settles its expectations, oldest first. Returns whether the
     * client was tracked (had expected anything, or was {@link #track tracked}).
     */
    public boolean read(long client, byte[] key, Settlement<T> settlement) {
        Map<KeyBytes, Pending<T>> mine = pending.get(client);
        if (mine == null) {
            return false;
        }
        KeyBytes read = new KeyBytes(key);
        Iterator<Map.Entry<KeyBytes, Pending<T>>> it = mine.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<KeyBytes, Pending<T>> e = it.next();
            Pending<T> p = e.getValue();
            if (e.getKey().equals(read)) {
                it.remove();
                settlement.settled(p.tag, true);
            } else if (--p.readsLeft == 0) {
                it.remove();
                settlement.settled(p.tag, false);
            }
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

    private static final class Pending<T> {
        final T tag;
        int readsLeft;

        Pending(T tag, int readsLeft) {
            this.tag = tag;
            this.readsLeft = readsLeft;
        }
    }
}
