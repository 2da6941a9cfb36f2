package io.augur.predictor.train;

import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.RecentReads;
import io.augur.predictor.model.network.LstmModel;
import io.augur.predictor.model.network.TimeOfWeek;
import io.augur.predictor.vocab.KeyVocabulary;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns an access sequence into (context, next token, tokens read ahead) training samples, one
 * client at a time, so interleaved clients never share a context.
 */
public final class Sequences {

    private Sequences() {
    }

    /**
     * A context of {@link LstmModel#SEQUENCE_LENGTH} tokens, the time slot of its last read
     * ({@link io.augur.predictor.model.network.TimeOfWeek}), the token that followed it, and the
     * distinct tokens the client read within the ahead window with the first position (1 = the
     * next read) each was read at. Tokens ahead are encoded against the context's last key, as
     * the next token is, so a delta token (a stride) still names keys never seen.
     */
    public record Sample(int[] context, int slot, int next, int[] ahead, int[] aheadPositions) {

        /** A sample without tokens ahead. */
        public Sample(int[] context, int slot, int next) {
            this(context, slot, next, new int[0], new int[0]);
        }
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

    /** Samples from the reads in {@code events}, with no tokens ahead. */
    public static List<Sample> samples(List<AccessEvent> events, KeyVocabulary vocabulary) {
        return samples(events, vocabulary, 0);
    }

    /**
     * Samples from the reads in {@code events}, each with the tokens read within the next
     * {@code aheadReads} reads of its client; the next token OOV is skipped (nothing to learn).
     */
    public static List<Sample> samples(List<AccessEvent> events, KeyVocabulary vocabulary, int aheadReads) {
        Map<Long, List<byte[]>> readsByClient = new HashMap<>();
        for (AccessEvent e : events) {
            if (e.op() == AccessEvent.Op.READ) {
                readsByClient.computeIfAbsent(e.connectionId(), c -> new ArrayList<>()).add(e.key());
            }
        }
        Map<Long, int[]> readIndex = new HashMap<>();
        List<Sample> samples = new ArrayList<>();
        // One key more than a context: the oldest context key is encoded against the key before it.
        RecentReads histories = new RecentReads(LstmModel.SEQUENCE_LENGTH + 1);
        for (AccessEvent e : events) {
            if (e.op() != AccessEvent.Op.READ) {
                continue;
            }
            int index = readIndex.computeIfAbsent(e.connectionId(), c -> new int[1])[0]++;
            byte[] last = histories.last(e.connectionId());
            if (last != null) {
                int next = vocabulary.encode(last, e.key());
                if (next != KeyVocabulary.OOV) {
                    int slot = TimeOfWeek.slot(histories.lastReadMillis(e.connectionId()));
                    int[][] ahead = ahead(readsByClient.get(e.connectionId()), index, aheadReads, last, vocabulary);
                    samples.add(new Sample(context(histories.keys(e.connectionId()), vocabulary), slot, next,
                            ahead[0], ahead[1]));
                }
            }
            histories.add(e.connectionId(), e.key(), e.timeMillis());
        }
        return samples;
    }

    /** The distinct tokens of reads[from .. from + n) against {@code last}, and the first position (1-based) of each. */
    private static int[][] ahead(List<byte[]> reads, int from, int n, byte[] last, KeyVocabulary vocabulary) {
        Map<Integer, Integer> first = new LinkedHashMap<>();
        for (int i = from; i < Math.min(reads.size(), from + n); i++) {
            int token = vocabulary.encode(last, reads.get(i));
            if (token != KeyVocabulary.OOV && token != KeyVocabulary.PAD) {
                first.putIfAbsent(token, i - from + 1);
            }
        }
        int[] tokens = new int[first.size()];
        int[] positions = new int[first.size()];
        int j = 0;
        for (Map.Entry<Integer, Integer> t : first.entrySet()) {
            tokens[j] = t.getKey();
            positions[j++] = t.getValue();
        }
        return new int[][]{tokens, positions};
    }
}
