package io.augur.predictor.train;

import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.ExpectedReads;
import io.augur.predictor.model.Prediction;
import io.augur.predictor.model.RecentReads;
import io.augur.predictor.model.network.LstmModel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The score that decides a swap, of a predictor as it serves: the precision of its k most probable
 * next-read keys (right when read next) and of its k most probable deeper keys (chain, lookahead,
 * the network's ahead head; right when read within {@link TrainerSettings#AHEAD_READS} reads).
 */
public final class Accuracy {

    /*
     * Why this score: the planner fetches next-read keys with a fast origin and deeper keys with a
     * slow one; next-read accuracy alone would ignore every key named for later, which is what a
     * slow origin needs (issue 14). Each kind is scored on its own terms: a deep key judged as a
     * next read would always be wrong, and a next-read key judged within 16 reads would let
     * random keys of a short cycle count as right (measured: an untrained network tied a trained
     * one). The same score, on the same slice, for the candidate, the running model and the
     * tables alone.
     *
     * Warm-up: the last validation-sized slice of the history is predicted (not scored) first, so
     * the blend's calibrations have outcomes before scoring, as they would in service.
     *
     * Cost: the network's answers for a chunk of reads are computed ahead in batched forward
     * passes (BatchedPredictor.precompute), so each predict is a cache lookup.
     */

    /** Reads whose contexts are computed ahead together (below the serving cache's capacity). */
    private static final int CHUNK_READS = 4_096;

    private Accuracy() {
    }

    /**
     * The served predictor: fed {@code history} (its last part also predicted, to warm the
     * calibrations), then scored on {@code validation} while it keeps learning.
     */
    public static double ofServing(BatchedPredictor predictor, List<AccessEvent> history, List<AccessEvent> validation,
                                   int k) {
        int warmUp = Math.max(0, history.size() - validation.size());
        history.subList(0, warmUp).forEach(predictor::observe);
        RecentReads contexts = new RecentReads(LstmModel.SEQUENCE_LENGTH);
        // Contexts before the warm-up: the last reads of each client in the history observed so far.
        for (AccessEvent e : history.subList(Math.max(0, warmUp - 16 * LstmModel.SEQUENCE_LENGTH), warmUp)) {
            remember(contexts, e);
        }
        run(predictor, history.subList(warmUp, history.size()), k, contexts, null);
        KeysReadSoon score = new KeysReadSoon(k);
        run(predictor, validation, k, contexts, score);
        return score.precision();
    }

    /** Observes and predicts after each read of {@code events}, scoring into {@code score} when given. */
    private static void run(BatchedPredictor predictor, List<AccessEvent> events, int k, RecentReads contexts,
                            KeysReadSoon score) {
        for (int from = 0; from < events.size(); from += CHUNK_READS) {
            List<AccessEvent> chunk = events.subList(from, Math.min(events.size(), from + CHUNK_READS));
            List<BatchedPredictor.ClientReads> ahead = new ArrayList<>(chunk.size());
            for (AccessEvent e : chunk) {
                if (remember(contexts, e)) {
                    ahead.add(new BatchedPredictor.ClientReads(contexts.keys(e.connectionId()),
                            contexts.lastReadMillis(e.connectionId())));
                }
            }
            predictor.precompute(ahead, k);
            for (AccessEvent e : chunk) {
                if (score != null && e.op() == AccessEvent.Op.READ) {
                    score.settle(e);
                }
                predictor.observe(e);
                if (e.op() == AccessEvent.Op.READ) {
                    List<Prediction> predicted = predictor.predict(e.connectionId(), k);
                    if (score != null) {
                        score.expect(e, predicted);
                    }
                }
            }
        }
    }

    /** The k most probable next-read keys and deeper keys after each read, each judged on its own horizon. */
    private static final class KeysReadSoon {
        private final ExpectedReads<Void> next = new ExpectedReads<>(1, Integer.MAX_VALUE, Integer.MAX_VALUE);
        private final ExpectedReads<Void> deep =
                new ExpectedReads<>(TrainerSettings.AHEAD_READS, Integer.MAX_VALUE, Integer.MAX_VALUE);
        private final int k;
        private long guesses;
        private long hits;

        KeysReadSoon(int k) {
            this.k = k;
        }

        void settle(AccessEvent read) {
            next.read(read.connectionId(), read.key(), (none, cameTrue) -> hits += cameTrue ? 1 : 0);
            deep.read(read.connectionId(), read.key(), (none, cameTrue) -> hits += cameTrue ? 1 : 0);
        }

        void expect(AccessEvent read, List<Prediction> predicted) {
            List<Prediction> ranked = new ArrayList<>(predicted);
            ranked.sort(Comparator.comparingDouble(Prediction::probability).reversed());
            // Each read counts k guesses of each kind, so a predictor that names fewer keys is not rewarded for silence.
            guesses += 2L * k;
            int namedNext = 0;
            int namedDeep = 0;
            for (Prediction p : ranked) {
                // A key already pending keeps its older expectation: it cannot be right twice.
                if (p.depth() <= 1 && namedNext < k && next.expect(read.connectionId(), p.key(), null)) {
                    namedNext++;
                } else if (p.depth() > 1 && namedDeep < k && deep.expect(read.connectionId(), p.key(), null)) {
                    namedDeep++;
                }
            }
        }

        double precision() {
            return guesses == 0 ? 0 : (double) hits / guesses;
        }
    }

    private static boolean remember(RecentReads histories, AccessEvent e) {
        if (e.op() == AccessEvent.Op.READ) {
            histories.add(e.connectionId(), e.key(), e.timeMillis());
            return true;
        }
        return false;
    }
}
