package io.augur.server.command.transaction;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Key → the transactions watching it, so a write marks each of them in O(watchers). Command thread only. */
final class WatchedKeys {

    private final Map<ByteBuffer, Set<TransactionState>> watchers = new HashMap<>();

    void watch(ByteBuffer key, TransactionState tx) {
        watchers.computeIfAbsent(key, k -> new HashSet<>()).add(tx);
    }

    void unwatchAll(TransactionState tx) {
        for (ByteBuffer key : tx.watched.keySet()) {
            Set<TransactionState> set = watchers.get(key);
            if (set != null && set.remove(tx) && set.isEmpty()) {
                watchers.remove(key);
            }
        }
        tx.watched.clear();
        tx.watchedKeyTouched = false;
    }

    void touch(byte[] key) {
        if (watchers.isEmpty()) {
            return; // the common case: one map check per write
        }
        Set<TransactionState> set = watchers.get(ByteBuffer.wrap(key));
        if (set != null) {
            set.forEach(tx -> tx.watchedKeyTouched = true);
        }
    }

    int keys() {
        return watchers.size();
    }
}
