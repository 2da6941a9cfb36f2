package io.augur.predictor.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Each client's last {@code length} read keys (oldest first) and the time of its last read, so
 * interleaved clients never blur each other's sequences. Not thread-safe.
 */
public final class RecentReads {

    private final int length;
    private final BoundedLru<Long, Window> windows;

    /** Windows of {@code length} keys for any number of clients (a bounded batch of events). */
    public RecentReads(int length) {
        this(length, Integer.MAX_VALUE);
    }

    /** As above, forgetting the least recently active client beyond {@code maxClients}. */
    public RecentReads(int length, int maxClients) {
        if (length < 1) {
            throw new IllegalArgumentException("length: " + length + " (expected: >= 1)");
        }
        this.length = length;
        this.windows = new BoundedLru<>(maxClients);
    }

    /** The client read {@code key} at {@code timeMillis}. */
    public void add(long client, byte[] key, long timeMillis) {
        Window w = windows.computeIfAbsent(client, c -> new Window());
        w.keys.addLast(key);
        w.lastReadMillis = timeMillis;
        if (w.keys.size() > length) {
            w.keys.removeFirst();
        }
    }

    /** A copy of the client's last keys, oldest first; empty for a client with no reads. */
    public List<byte[]> keys(long client) {
        Window w = windows.get(client);
        return w == null ? new ArrayList<>() : new ArrayList<>(w.keys);
    }

    /** The client's last key, or null. */
    public byte[] last(long client) {
        Window w = windows.get(client);
        return w == null ? null : w.keys.peekLast();
    }

    /** When the client last read (0 for a client with no reads). */
    public long lastReadMillis(long client) {
        Window w = windows.get(client);
        return w == null ? 0 : w.lastReadMillis;
    }

    public void forget(long client) {
        windows.remove(client);
    }

    private static final class Window {
        final ArrayDeque<byte[]> keys = new ArrayDeque<>();
        long lastReadMillis;
    }
}
