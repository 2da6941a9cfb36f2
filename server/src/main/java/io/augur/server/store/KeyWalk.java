package io.augur.server.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Predicate;

/** Walks the live keys of the map: RANDOMKEY, SCAN pages and whole-keyspace visits. */
final class KeyWalk {

    /** The database filter that takes every key. */
    static final int ANY_DATABASE = -1;

    private final EntryMap map;

    KeyWalk(EntryMap map) {
        this.map = map;
    }

    /** A random live stored key of the (physical) database, or null when there is none. */
    byte[] random(long now, long count, int db) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<EntryMap.KeyAndExpiry> live = new ArrayList<>();
        for (int attempt = 0; attempt < 64 && count > 0 && live.isEmpty(); attempt++) {
            map.collect(random.nextInt(map.segments()), expireAt -> !Expiry.isExpired(expireAt, now), e -> {
                if (inDatabase(e.key(), db)) {
                    live.add(e);
                }
            });
        }
        if (!live.isEmpty()) {
            return live.get(random.nextInt(live.size())).key();
        }
        byte[][] first = new byte[1][];
        map.forEach((k, v) -> {
            if (!Expiry.isExpired(EntryCodec.expiry(v), now) && (db == ANY_DATABASE || EntryMap.database(k) == db)) {
                first[0] = EntryMap.copyOf(k);
                return false;
            }
            return true;
        });
        return first[0];
    }

    /** One SCAN page: whole segments from the cursor until countHint keys are found. */
    Store.ScanPage scan(long cursor, int countHint, Predicate<byte[]> keyFilter, long now, int db) {
        int segments = map.segments();
        if (cursor < 0 || cursor >= segments) {
            return new Store.ScanPage(0, List.of());
        }
        List<byte[]> keys = new ArrayList<>();
        int segment = (int) cursor;
        // Whole segments at a time: a key present throughout the iteration is returned exactly once.
        int visited = 0;
        while (segment < segments && (visited == 0 || keys.size() < countHint)) {
            map.collect(segment, expireAt -> !Expiry.isExpired(expireAt, now), e -> {
                if (inDatabase(e.key(), db) && keyFilter.test(e.key())) {
                    keys.add(e.key());
                }
            });
            segment++;
            visited++;
        }
        return new Store.ScanPage(segment >= segments ? 0 : segment, keys);
    }

    /** Every live key, a fresh copy each. */
    void forEachLive(Consumer<byte[]> action, long now, int db) {
        map.forEach((k, v) -> {
            if (!Expiry.isExpired(EntryCodec.expiry(v), now) && (db == ANY_DATABASE || EntryMap.database(k) == db)) {
                action.accept(EntryMap.copyOf(k));
            }
            return true;
        });
    }

    private static boolean inDatabase(byte[] key, int db) {
        return db == ANY_DATABASE || DatabaseKeys.database(key) == db;
    }
}
