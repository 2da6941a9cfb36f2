package io.augur.server.store;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The bytes last written to a few keys, so reading a key back right after writing it skips a
 * Chronicle lookup: a direct-mapped cache of {@value #SLOTS} slots, one entry per slot.
 */
final class RecentWrites {

    /*
     * Why: a collection command reads its key, then rewrites it (HSET, LPUSH, SADD...), and a hot
     * key is rewritten command after command; each read was a full query context (hash the key,
     * lock, unlock), about a fifth of the command thread's samples under redis-benchmark's HSET.
     *
     * Correctness: a slot holding (key, bytes) means the map holds exactly those bytes for key.
     * Every change of a key goes through EntryMap under that key's segment lock, which forgets
     * the key's slot before the change and fills it after (see EntryMap): two changes of one key
     * are ordered by the lock, and a change of another key only replaces the slot, never makes
     * it wrong. A read without the lock that races a change sees the bytes from just before it.
     */

    /**
     * Number of slots; a power of two. A list command reads three keys (its header and both end
     * pages, whose counts make its length): in 16 slots two of them collided in one case of five,
     * each collision a map query per command for as long as those pages are the ends.
     */
    static final int SLOTS = 64;

    /** Larger entries are not kept: bounds the heap held to SLOTS times this (4 MiB). */
    static final int MAX_ENTRY_BYTES = 64 * 1024;

    private record Entry(byte[] key, byte[] stored) {
    }

    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

    /** The bytes stored for {@code key} as last written, or null when not kept. WARNING: shared, do not change them. */
    byte[] get(byte[] key) {
        Entry entry = slots.get(slot(key));
        return entry != null && Arrays.equals(entry.key, key) ? entry.stored : null;
    }

    /**
     * Call under the key's lock after the map took {@code stored} for it. {@code stored} is kept as
     * it is, not copied (a copy of every page written was 6% of the command thread under a queue's
     * LPUSH and RPOP of 256 B values): the caller gives it up and never changes it afterwards. The
     * key is copied (it may be a command's argument).
     */
    void wrote(byte[] key, byte[] stored) {
        if (stored.length <= MAX_ENTRY_BYTES) {
            slots.set(slot(key), new Entry(key.clone(), stored));
        } else {
            forget(key);
        }
    }

    /** Call under the key's lock before the map changes or removes its entry. */
    void forget(byte[] key) {
        int slot = slot(key);
        Entry entry = slots.get(slot);
        if (entry != null && Arrays.equals(entry.key, key)) {
            slots.compareAndSet(slot, entry, null);
        }
    }

    void clear() {
        for (int i = 0; i < SLOTS; i++) {
            slots.set(i, null);
        }
    }

    private static int slot(byte[] key) {
        int h = Arrays.hashCode(key);
        return (h ^ h >>> 16) & (SLOTS - 1);
    }
}
