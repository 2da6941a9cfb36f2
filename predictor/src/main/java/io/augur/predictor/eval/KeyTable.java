package io.augur.predictor.eval;

import io.augur.predictor.model.KeyBytes;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Dense int ids for keys, so the replay's caches are arrays indexed by id. Predicted keys that
 * never occur in the trace get ids too (a delta can name a key nobody reads).
 */
public final class KeyTable {

    private final Map<KeyBytes, Integer> ids = new HashMap<>();
    private final List<byte[]> keys = new ArrayList<>();

    /** The id of {@code key}, assigned on first sight. */
    public int idOf(byte[] key) {
        KeyBytes k = new KeyBytes(key);
        Integer id = ids.get(k);
        if (id == null) {
            id = keys.size();
            ids.put(k, id);
            keys.add(key);
        }
        return id;
    }

    /** The id of {@code key}, or -1 when it has none. */
    public int find(byte[] key) {
        Integer id = ids.get(new KeyBytes(key));
        return id == null ? -1 : id;
    }

    public byte[] key(int id) {
        return keys.get(id);
    }

    /** Ids handed out so far. */
    public int size() {
        return keys.size();
    }
}
