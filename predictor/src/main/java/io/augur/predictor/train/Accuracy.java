package io.augur.predictor.train;

import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.ExpectedReads;
import io.augur.predictor.model.KeyBytes;
import io.augur.predictor.model.Prediction;
import io.augur.predictor.model.Predictor;
import io.augur.predictor.model.RecentReads;
import io.augur.predictor.model.network.LstmModel;
import io.augur.predictor.model.network.TimeOfWeek;
import io.augur.predictor.vocab.KeyVocabulary;

import java.util.ArrayList;
import java.util.List;

/** Top-k next-read accuracy on a validation slice: how often the client's next read was among the k predicted keys. */
public final class Accuracy {

    /** Contexts scored per forward pass (the fixed per-call cost dominates: batch). */
    private static final int BATCH = 256;

    private Accuracy() {
    }

    /** A baseline predictor: fed {@code history} first, then scored on {@code validation} while it keeps learning. */
    public static double of(Predictor predictor, List<AccessEvent> history, List<AccessEvent> validation, int k) {
        history.forEach(predictor::observe);
        NextReadScore score = new NextReadScore();
        for (AccessEvent e : validation) {
            if (e.op() != AccessEvent.Op.READ) {
                predictor.observe(e);
                continue;
            }
            score.settle(e);
            predictor.observe(e);
            score.expect(e, predictor.predict(e.connectionId(), k));
        }
        return score.accuracy();
    }

    /** Predictions made after a client's read, scored as one guess against that client's next read. */
    private static final class NextReadScore {
        private final ExpectedReads<Void> pending = new ExpectedReads<>(1, Integer.MAX_VALUE, Integer.MAX_VALUE);
        private int scored;
        private int hits;

        void settle(AccessEvent read) {
            // Keys are expected once each, so at most one settles as read per read.
            if (pending.read(read.connectionId(), read.key(), (none, cameTrue) -> hits += cameTrue ? 1 : 0)) {
                scored++;
            }
        }

        void expect(AccessEvent read, List<Prediction> predicted) {
            pending.track(read.connectionId());
            for (Prediction p : predicted) {
                pending.expect(read.connectionId(), p.key(), null);
            }
        }

        double accuracy() {
            return scored == 0 ? 0 : (double) hits / scored;
        }
    }

    /** The LSTM model on the same terms, its contexts batched. */
    public static double of(LstmModel model, List<AccessEvent> history, List<AccessEvent> validation, int k) {
        RecentReads histories = new RecentReads(LstmModel.SEQUENCE_LENGTH);
        for (AccessEvent e : history) {
            remember(histories, e);
        }
        List<int[]> contexts = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        List<byte[]> lastKeys = new ArrayList<>();
        List<KeyBytes> actualNext = new ArrayList<>();
        for (AccessEvent e : validation) {
            if (e.op() != AccessEvent.Op.READ) {
                continue;
            }
            List<byte[]> h = histories.keys(e.connectionId());
            if (!h.isEmpty()) {
                contexts.add(Sequences.context(h, model.vocabulary()));
                slots.add(TimeOfWeek.slot(histories.lastReadMillis(e.connectionId())));
                lastKeys.add(h.get(h.size() - 1));
                actualNext.add(new KeyBytes(e.key()));
            }
            remember(histories, e);
        }
        if (contexts.isEmpty()) {
            return 0;
        }
        int hits = 0;
        for (int from = 0; from < contexts.size(); from += BATCH) {
            int to = Math.min(contexts.size(), from + BATCH);
            LstmModel.TopTokens[] top = model.predict(contexts.subList(from, to).toArray(new int[0][]),
                    toArray(slots.subList(from, to)), k);
            for (int i = from; i < to; i++) {
                for (int token : top[i - from].tokens()) {
                    byte[] key = model.vocabulary().decode(lastKeys.get(i), token);
                    if (key != null && actualNext.get(i).equals(new KeyBytes(key))) {
                        hits++;
                        break;
                    }
                }
            }
        }
        return (double) hits / contexts.size();
    }

    /**
     * The model as the LSTM predictor serves it: its top tokens plus the baseline's keys it cannot
     * name (outside its vocabulary), ranked by score; the baseline learns as it goes, as in service.
     */
    public static double ofBlend(LstmModel model, Predictor baseline, List<AccessEvent> history,
                                 List<AccessEvent> validation, int k) {
        RecentReads histories = new RecentReads(LstmModel.SEQUENCE_LENGTH);
        for (AccessEvent e : history) {
            remember(histories, e);
            baseline.observe(e);
        }
        List<AccessEvent> reads = new ArrayList<>();
        List<int[]> contexts = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        for (AccessEvent e : validation) {
            if (e.op() != AccessEvent.Op.READ) {
                continue;
            }
            remember(histories, e);
            reads.add(e);
            contexts.add(Sequences.context(histories.keys(e.connectionId()), model.vocabulary()));
            slots.add(TimeOfWeek.slot(e.timeMillis()));
        }
        LstmModel.TopTokens[] tops = new LstmModel.TopTokens[contexts.size()];
        for (int from = 0; from < contexts.size(); from += BATCH) {
            int to = Math.min(contexts.size(), from + BATCH);
            LstmModel.TopTokens[] batch = model.predict(contexts.subList(from, to).toArray(new int[0][]),
                    toArray(slots.subList(from, to)), k);
            System.arraycopy(batch, 0, tops, from, batch.length);
        }
        NextReadScore score = new NextReadScore();
        for (int i = 0; i < reads.size(); i++) {
            AccessEvent e = reads.get(i);
            score.settle(e);
            baseline.observe(e);
            List<Prediction> candidates = new ArrayList<>();
            for (int j = 0; j < tops[i].tokens().length; j++) {
                byte[] key = model.vocabulary().decode(e.key(), tops[i].tokens()[j]);
                if (key != null) {
                    candidates.add(new Prediction(key, tops[i].probabilities()[j]));
                }
            }
            for (Prediction p : baseline.predict(e.connectionId(), k)) {
                if (model.vocabulary().encode(e.key(), p.key()) == KeyVocabulary.OOV) {
                    candidates.add(p);
                }
            }
            candidates.sort((a, b) -> Double.compare(b.probability(), a.probability()));
            score.expect(e, candidates.size() > k ? candidates.subList(0, k) : candidates);
        }
        return score.accuracy();
    }

    private static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    private static void remember(RecentReads histories, AccessEvent e) {
        if (e.op() == AccessEvent.Op.READ) {
            histories.add(e.connectionId(), e.key(), e.timeMillis());
        }
    }
}
