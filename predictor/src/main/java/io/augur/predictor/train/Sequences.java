package io.augur.predictor.train;

import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.RecentReads;
import io.augur.predictor.model.network.LstmModel;
import io.augur.predictor.model.network.TimeOfWeek;
import io.augur.predictor.vocab.KeyVocabulary;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns an access sequence into (context, next token) training samples, one client at a time,
 * so interleaved clients never share a context.
 */
public final class Sequences {

    private Sequences() {
    }

    /**
     * A context of {@link LstmModel#SEQUENCE_LENGTH} tokens, the time slot of its last read
     * ({@link io.augur.predictor.model.network.TimeOfWeek}) and the token that followed it.
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
        // One key more than a context: the oldest context key is encoded against the key before it.
        RecentReads histories = new RecentReads(LstmModel.SEQUENCE_LENGTH + 1);
        for (AccessEvent e : events) {
            if (e.op() != AccessEvent.Op.READ) {
                continue;
            }
            byte[] last = histories.last(e.connectionId());
            if (last != null) {
                int next = vocabulary.encode(last, e.key());
                if (next != KeyVocabulary.OOV) {
                    int slot = TimeOfWeek.slot(histories.lastReadMillis(e.connectionId()));
                    samples.add(new Sample(context(histories.keys(e.connectionId()), vocabulary), slot, next));
                }
            }
            histories.add(e.connectionId(), e.key(), e.timeMillis());
        }
        return samples;
    }
}
