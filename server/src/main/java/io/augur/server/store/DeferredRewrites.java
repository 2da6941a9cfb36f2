package io.augur.server.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rewrites of existing collection entries held on the command thread until the replies that
 * acknowledge them leave: a pipelined run of pushes to one list rewrites its end page once, a run of
 * HSETs on one small hash rewrites it once.
 */
final class DeferredRewrites {

    /*
     * Why: a push or pop inside a list's end page, an HSET of a field already in a paged hash, and
     * any change of a small (compact) collection rewrite one entry through Chronicle (query context,
     * lock, journal record, checksum): a third of the command thread under redis-benchmark's LPUSH
     * at -P 16 and a quarter under its HSET, where 50 clients write one key and one event-loop pass
     * runs hundreds of those commands before any reply leaves.
     *
     * Contract (EntryMap keeps it): only the owner thread, the one that runs commands, holds, reads
     * what it holds and settles; its reads see the held bytes first. Every store write runs on that
     * thread (origin loads and expiry included) except a script's on its own thread, and the owner
     * settles before a script moves there. A change of a held key on the owner drops the held bytes
     * when it replaces them whole, and writes them first when it edits the stored bytes. A settle
     * writes an entry only if it is still in the map: nothing held comes back after a removal.
     * Every reply is written after a settle, so an acknowledged write is in the Chronicle file
     * before its client hears of it, as before. A held entry is never new and never a paged
     * collection's header: another thread reading the map meanwhile sees each collection as it was
     * before the pass, whole.
     */

    /** Held entries before a settle is forced, and their bytes: bounds the heap they hold. */
    static final int MAX_ENTRIES = 256;
    static final long MAX_BYTES = 1 << 20;

    private final Map<KeyBytes, byte[]> held = new LinkedHashMap<>();
    private long heldBytes;
    private volatile Thread owner;

    /** From now on writes deferred on {@code thread} are held; on any other thread they are written at once. */
    void ownedBy(Thread thread) {
        owner = thread;
    }

    /** Whether the calling thread holds rewrites: the owner, with some held. */
    boolean holding() {
        return Thread.currentThread() == owner && !held.isEmpty();
    }

    /** Whether the calling thread may hold a rewrite. */
    boolean mayHold() {
        return Thread.currentThread() == owner;
    }

    /** The bytes held for {@code key}, or null; call only when {@link #holding()}. */
    byte[] get(byte[] key) {
        return held.get(new KeyBytes(key));
    }

    /** Holds {@code bytes} as the key's next write; true when the held pages passed their bound. */
    boolean hold(byte[] key, byte[] bytes) {
        byte[] before = held.put(new KeyBytes(key), bytes);
        heldBytes += bytes.length - (before == null ? 0 : before.length);
        return held.size() >= MAX_ENTRIES || heldBytes >= MAX_BYTES;
    }

    /** Forgets what is held for {@code key} (it is about to change otherwise); call only when {@link #holding()}. */
    void drop(byte[] key) {
        byte[] before = held.remove(new KeyBytes(key));
        if (before != null) {
            heldBytes -= before.length;
        }
    }

    /** Takes every held rewrite, oldest first, leaving none held. */
    List<Map.Entry<byte[], byte[]>> takeAll() {
        List<Map.Entry<byte[], byte[]>> all = new ArrayList<>(held.size());
        held.forEach((key, bytes) -> all.add(Map.entry(key.bytes(), bytes)));
        held.clear();
        heldBytes = 0;
        return all;
    }

    void clear() {
        held.clear();
        heldBytes = 0;
    }
}
