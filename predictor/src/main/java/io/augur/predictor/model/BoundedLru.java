package io.augur.predictor.model;

import java.util.LinkedHashMap;
import java.util.Map;

/** A map that forgets its least recently used entry beyond a fixed size: how the tables bound memory. */
public final class BoundedLru<K, V> extends LinkedHashMap<K, V> {

    private final int maxEntries;

    public BoundedLru(int maxEntries) {
        super(Math.min(maxEntries, 1 << 16), 0.75f, true);
        this.maxEntries = maxEntries;
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > maxEntries;
    }
}
