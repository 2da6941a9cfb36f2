package io.augur.server.prefetch;

import io.augur.predictor.model.KeyBytes;

import java.util.Map;
import java.util.function.Consumer;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Prefetches issued and read, by the source that predicted them (network, successor, delta,
 * chain, lookahead, ...): which part of the blend earns its prefetches. Issues are counted on the
 * predictor thread, reads on the command thread, so the maps are concurrent.
 */
final class PrefetchSources {

    /** Issued keys whose source is remembered until they are read or wasted; beyond it attribution restarts. */
    private static final int MAX_ATTRIBUTED = 262_144;

    private final Map<String, LongAdder> issued = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> used = new ConcurrentHashMap<>();
    private final Map<KeyBytes, String> sourceOf = new ConcurrentHashMap<>();
    /** Told of each source's first prefetch (metrics register a series per source then). */
    private volatile Consumer<String> newSource = s -> { };

    /** A prefetch of {@code key} was issued on a prediction from {@code source}. */
    void issued(byte[] key, String source) {
        LongAdder count = issued.get(source);
        if (count == null) {
            count = issued.computeIfAbsent(source, s -> new LongAdder());
            newSource.accept(source);
        }
        count.increment();
        if (sourceOf.size() >= MAX_ATTRIBUTED) {
            sourceOf.clear(); // outcomes that never came (keys deleted by clients) must not pile up
        }
        sourceOf.put(new KeyBytes(key), source);
    }

    /** A client read a prefetched key. */
    void used(byte[] key) {
        String source = sourceOf.remove(new KeyBytes(key));
        if (source != null) {
            used.computeIfAbsent(source, s -> new LongAdder()).increment();
        }
    }

    /** A prefetched key left unread. */
    void wasted(byte[] key) {
        sourceOf.remove(new KeyBytes(key));
    }

    /** Calls {@code listener} with every source that has issued a prefetch so far, then with each new one. */
    void onNewSource(Consumer<String> listener) {
        newSource = listener;
        issued.keySet().forEach(listener);
    }

    long issued(String source) {
        LongAdder n = issued.get(source);
        return n == null ? 0 : n.sum();
    }

    long used(String source) {
        LongAdder n = used.get(source);
        return n == null ? 0 : n.sum();
    }

    /** INFO's form: {@code source=count,...} by source name; empty before the first prefetch. */
    String issuedText() {
        return text(issued);
    }

    String usedText() {
        return text(used);
    }

    void reset() {
        issued.clear();
        used.clear();
        sourceOf.clear();
    }

    private static String text(Map<String, LongAdder> counts) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(counts).forEach((source, n) -> {
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(source).append('=').append(n.sum());
        });
        return out.toString();
    }
}
