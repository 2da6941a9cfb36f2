package io.augur.predictor.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map that forgets its least recently used entry beyond a fixed size: how per-key and per-client
 * state stays bounded. Access-ordered, so a get counts as a use. Not thread-safe.
 */
public final class BoundedLru<K, V> extends LinkedHashMap<K, V> {

    /** Initial table capacity at most: a large bound must not allocate its whole table up front. */
    private static final int MAX_INITIAL_CAPACITY = 1 << 16;

    private final int maxEntries;

    public BoundedLru(int maxEntries) {
        super(Math.min(maxEntries, MAX_INITIAL_CAPACITY), 0.75f, true);
        this.maxEntries = maxEntries;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > maxEntries;
    }
}
