package io.augur.predictor.eval.cache;

import java.util.Arrays;
import java.util.function.IntConsumer;

/**
 * An exact LRU cache of key ids with a capacity in keys: what the server's sampled
 * {@code allkeys-lru} approximates, kept exact here so replays are deterministic. Arrays indexed by
 * id make every operation O(1) without allocation.
 */
final class ExactLruCache implements SimulatedCache {

    private static final int NONE = -1;

    private final int capacity;
    private final IntConsumer evicted;
    private int[] prev;
    private int[] next;
    private boolean[] present;
    private int head = NONE;
    private int tail = NONE;
    private int size;

    ExactLruCache(int capacity, int ids, IntConsumer evicted) {
        this.capacity = Math.max(1, capacity);
        this.evicted = evicted;
        this.prev = new int[Math.max(1, ids)];
        this.next = new int[Math.max(1, ids)];
        this.present = new boolean[Math.max(1, ids)];
    }

    @Override
    public boolean contains(int id) {
        return id >= 0 && id < present.length && present[id];
    }

    @Override
    public boolean get(int id) {
        if (!contains(id)) {
            return false;
        }
        unlink(id);
        linkFirst(id);
        return true;
    }

    /** Inserts a key not cached as most recently used, evicting the least recently used when full. */
    @Override
    public void put(int id, boolean prefetched) {
        ensure(id);
        if (size == capacity) {
            int victim = tail;
            unlink(victim);
            present[victim] = false;
            size--;
            evicted.accept(victim);
        }
        linkFirst(id);
        present[id] = true;
        size++;
    }

    @Override
    public int size() {
        return size;
    }

    private void ensure(int id) {
        if (id >= present.length) {
            int n = Math.max(id + 1, present.length * 2);
            prev = Arrays.copyOf(prev, n);
            next = Arrays.copyOf(next, n);
            present = Arrays.copyOf(present, n);
        }
    }

    private void unlink(int id) {
        int p = prev[id];
        int n = next[id];
        if (p == NONE) {
            head = n;
        } else {
            next[p] = n;
        }
        if (n == NONE) {
            tail = p;
        } else {
            prev[n] = p;
        }
    }

    private void linkFirst(int id) {
        prev[id] = NONE;
        next[id] = head;
        if (head != NONE) {
            prev[head] = id;
        }
        head = id;
        if (tail == NONE) {
            tail = id;
        }
    }
}
