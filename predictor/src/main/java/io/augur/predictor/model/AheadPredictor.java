package io.augur.predictor.model;

import io.augur.predictor.log.AccessEvent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Lookahead table: for each key, the keys the same client read {@link #NEAR} to {@link #FAR}
 * reads after it. With a slow origin (a prefetch lands several reads after it is issued) the next
 * key is too late to fetch; these are early enough, and learned directly rather than chained
 * through successors, whose per-step errors multiply.
 */
public final class AheadPredictor implements Predictor {

    /** Nearest distance (in the client's reads) learned: predictions are for this depth. */
    static final int NEAR = 8;
    /** Farthest distance learned. */
    static final int FAR = 16;
    private static final int MAX_KEYS = 200_000;
    private static final int KEYS_PER_KEY = 16;
    private static final int MAX_CONNECTIONS = 65_536;

    private final BoundedLru<KeyBytes, TopCounts<KeyBytes>> ahead = new BoundedLru<>(MAX_KEYS);
    private final BoundedLru<Long, Deque<KeyBytes>> recent = new BoundedLru<>(MAX_CONNECTIONS);

    @Override
    public String name() {
        return Predictors.AHEAD;
    }

    @Override
    public void observe(AccessEvent event) {
        if (event.op() != AccessEvent.Op.READ) {
            return;
        }
        KeyBytes key = new KeyBytes(event.key());
        Deque<KeyBytes> history = recent.computeIfAbsent(event.connectionId(), c -> new ArrayDeque<>());
        int distance = 0;
        java.util.Iterator<KeyBytes> it = history.descendingIterator();
        java.util.Set<KeyBytes> counted = new java.util.HashSet<>();
        while (it.hasNext()) {
            KeyBytes earlier = it.next();
            distance++;
            if (distance >= NEAR && !earlier.equals(key) && counted.add(earlier)) {
                ahead.computeIfAbsent(earlier, k -> new TopCounts<>(KEYS_PER_KEY)).add(key);
            }
        }
        history.addLast(key);
        if (history.size() > FAR) {
            history.removeFirst();
        }
    }

    @Override
    public List<Prediction> predict(long connectionId, int k) {
        Deque<KeyBytes> history = recent.get(connectionId);
        if (history == null || history.isEmpty()) {
            return List.of();
        }
        TopCounts<KeyBytes> next = ahead.get(history.peekLast());
        if (next == null) {
            return List.of();
        }
        List<Prediction> result = new ArrayList<>(k);
        int window = FAR - NEAR + 1;
        for (TopCounts.Scored<KeyBytes> s : next.top(k)) {
            // A key read once in every window scores 1/window of the table's total.
            result.add(new Prediction(s.item().bytes(), Math.min(1.0, s.probability() * window), NEAR, name()));
        }
        return result;
    }

    @Override
    public void forgetConnection(long connectionId) {
        recent.remove(connectionId);
    }
}
