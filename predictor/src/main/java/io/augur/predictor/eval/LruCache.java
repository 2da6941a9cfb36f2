package io.augur.predictor.eval;

import java.util.Arrays;

/**
 * An exact LRU cache of key ids with a capacity in keys: what the server's sampled
 * {@code allkeys-lru} approximates, kept exact here so replays are deterministic. Arrays indexed by
 * id make every operation O(1) without allocation.
 */
final class LruCache {

    private static final int NONE = -1;

    private final int capacity;
    private int[] prev;
    private int[] next;
    private boolean[] present;
    private int head = NONE;
    private int tail = NONE;
    private int size;

    LruCache(int capacity, int ids) {
        this.capacity = Math.max(1, capacity);
        this.prev = new int[ids];
        this.next = new int[ids];
        this.present = new boolean[ids];
    }

    boolean contains(int id) {
        return id >= 0 && id < present.length && present[id];
    }

    /** Marks a cached key most recently used. */
    void touch(int id) {
        unlink(id);
        linkFirst(id);
    }

    /** Inserts a key not cached, as most recently used; returns the id evicted for it, or -1. */
    int insert(int id) {
        ensure(id);
        int evicted = NONE;
        if (size == capacity) {
            evicted = tail;
            unlink(evicted);
            present[evicted] = false;
            size--;
        }
        linkFirst(id);
        present[id] = true;
        size++;
        return evicted;
    }

    int size() {
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
