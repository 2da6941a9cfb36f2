package io.augur.predictor.train;

import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.lstm.LstmModel;
import io.augur.predictor.model.lstm.TimeOfWeek;
import io.augur.predictor.vocab.KeyVocabulary;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an access sequence into (context, next token) training samples, one client at a time,
 * so interleaved clients never share a context.
 */
public final class Sequences {

    private Sequences() {
    }

    /**
     * A context of {@link LstmModel#SEQUENCE_LENGTH} tokens, the time slot of its last read
     * ({@link io.augur.predictor.model.lstm.TimeOfWeek}) and the token that followed it.
     */
    public record Sample(int[] context, int slot, int next) {
    }

    /** The token context for a client whose last reads are {@code history} (oldest first). */
    public static int[] context(List<byte[]> history, KeyVocabulary vocabulary) {
        int[] context = new int[LstmModel.SEQUENCE_LENGTH];
        int n = history.size();
        int start = Math.max(0, n - LstmModel.SEQUENCE_LENGTH);
        int offset = LstmModel.SEQUENCE_LENGTH - (n - start);
        for (int i = start; i < n; i++) {
            byte[] previous = i == 0 ? null : history.get(i - 1);
            context[offset + i - start] = vocabulary.encode(previous, history.get(i));
        }
        return context;
    }

    /** Samples from the reads in {@code events}; the next token OOV is skipped (nothing to learn). */
    public static List<Sample> samples(List<AccessEvent> events, KeyVocabulary vocabulary) {
        List<Sample> samples = new ArrayList<>();
        Map<Long, Deque<byte[]>> histories = new HashMap<>();
        Map<Long, Long> lastReadTimes = new HashMap<>();
        for (AccessEvent e : events) {
            if (e.op() != AccessEvent.Op.READ) {
                continue;
            }
            Deque<byte[]> history = histories.computeIfAbsent(e.connectionId(), c -> new ArrayDeque<>());
            if (!history.isEmpty()) {
                int next = vocabulary.encode(history.peekLast(), e.key());
                if (next != KeyVocabulary.OOV) {
                    int slot = TimeOfWeek.slot(lastReadTimes.get(e.connectionId()));
                    samples.add(new Sample(context(new ArrayList<>(history), vocabulary), slot, next));
                }
            }
            lastReadTimes.put(e.connectionId(), e.timeMillis());
            history.addLast(e.key());
            if (history.size() > LstmModel.SEQUENCE_LENGTH + 1) {
                history.removeFirst();
            }
        }
        return samples;
    }
}
