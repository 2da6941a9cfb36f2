package io.augur.predictor.model.blend;

import io.augur.predictor.model.BoundedLru;
import io.augur.predictor.model.Calibration;
import io.augur.predictor.model.ExpectedReads;
import io.augur.predictor.model.KeyBytes;
import io.augur.predictor.model.Prediction;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Blends the keys several sources propose into one ranked list of calibrated chances, rolls the
 * best key forward into a chain, and appends a lookahead source's keys. Model-independent.
 */
public final class Blend {

    /*
     * Calibration: each source's raw score is turned into the observed chance that its keys are
     * read within OUTCOME_HORIZON_READS reads of the same client (Calibration), so a table that is
     * often wrong stops outranking one that is right, whatever their raw scales. Every proposal
     * is scored, chosen or not, so each calibration keeps learning.
     *
     * Ranking: per key the source giving it the best calibrated chance wins (the earlier source on
     * a tie); the k best keys are the next-read predictions (depth 1).
     *
     * Chain: with a slow origin a prefetch for the very next read lands too late, one for a read
     * several steps ahead in time. From the best next key, each step follows the best proposal any
     * source makes after the previous key, up to HORIZON_KEYS deep, while the product of the
     * steps' calibrated chances stays above MIN_CHAIN_CHANCE. Depth bands 2-5, 6-9 and 10+ have
     * their own calibrations.
     *
     * Across clients: a source learned from every client's reads (the interleaved table) is for
     * contexts whose own sources fail, a user's reads mixed with others' on a pool without hints.
     * Each context keeps a record of how often its own sources' best key came true; once 16
     * outcomes are in and under ACROSS_CLIENTS_BELOW of them came true, the source's keys join
     * the candidates where its chance beats that record, at the chance it gives (its own
     * calibration: its horizon is the whole server's reads, not the context's). It never rolls a
     * chain. A read whose context has read again since gets its keys alone (predictAcrossClients).
     *
     * Lookahead: keys learned directly several reads ahead (not chained, whose per-step errors
     * multiply): the lookahead table's (8-16 reads) and the network's ahead head, each source with
     * its own calibration. Several sources are merged by calibrated chance, each keeping its own
     * order, so one source alone appends exactly its own list. Their outcomes are tracked apart, so they never
     * fill or pre-empt the next-read sources' pending outcomes. Neither the chain nor the lookahead
     * names a key already named.
     */

    /** Reads of the same client within which a proposed key counts as read (a prefetch is used if read before eviction). */
    public static final int OUTCOME_HORIZON_READS = 32;
    /** Clients whose pending outcomes are tracked. */
    private static final int MAX_CONNECTIONS = 65_536;
    /** Pending outcomes per client. */
    private static final int MAX_PENDING = 64;
    /** Deepest step predicted ahead of the next read, in reads. */
    private static final int HORIZON_KEYS = 12;
    /** A chain whose raw chance falls below this stops: its keys would only waste origin requests. */
    private static final double MIN_CHAIN_CHANCE = 0.3;
    /** Outcomes of a context's own best keys before its record, not the global calibration, decides. */
    private static final int MIN_OWN_OUTCOMES = 16;
    /**
     * Own sources' share of best keys come true below which a context takes keys from sources
     * across clients. Measured on the per-user cache-aside trace (replay, lstm-untrained): with one
     * context per user, 13% of predictions came from contexts below 0.2 (most between 0.2 and 0.6);
     * over a pool of 16 without hints, 95%. Feeding the interleaved table every per-user read cost
     * the live predictor thread 25% more CPU and 2-4 points of hit ratio for nothing.
     */
    private static final double ACROSS_CLIENTS_BELOW = 0.2;
    /** Weight left to a context's older own outcomes per new one (about the last 64 count). */
    private static final double OWN_DECAY = 1 - 1.0 / 64;
    /** Chain depths per calibration band (2-5, 6-9, 10+). */
    private static final int DEPTHS_PER_BAND = 4;

    private final List<Calibrated> sources = new ArrayList<>();
    private final List<Calibrated> lookahead = new ArrayList<>();
    /** Calibrations of predictions 2-5, 6-9 and 10+ steps ahead. */
    private final Calibration[] chainBands = {new Calibration(), new Calibration(), new Calibration()};
    /** Per context: how often its own sources' best key came true (see predict). */
    private final Map<Long, OwnRecord> ownRecords = new BoundedLru<>(MAX_CONNECTIONS);
    private final ExpectedReads<Scored> outcomes = new ExpectedReads<>(OUTCOME_HORIZON_READS, MAX_CONNECTIONS, MAX_PENDING);
    private final ExpectedReads<Scored> lookaheadOutcomes =
            new ExpectedReads<>(OUTCOME_HORIZON_READS, MAX_CONNECTIONS, MAX_PENDING);

    /**
     * @param nextRead  sources of next-read keys, in order (earlier wins a tie)
     * @param lookahead the source of keys read several reads later (null: none)
     */
    public Blend(List<Source> nextRead, Source lookahead) {
        this(nextRead, lookahead == null ? List.of() : List.of(lookahead));
    }

    /**
     * @param nextRead  sources of next-read keys, in order (earlier wins a tie)
     * @param lookahead sources of keys read several reads later, in order (earlier wins a tie)
     */
    public Blend(List<Source> nextRead, List<Source> lookahead) {
        Set<String> names = new HashSet<>();
        for (Source s : nextRead) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("source name: " + s.name() + " (expected: unique in a blend)");
            }
            sources.add(new Calibrated(s, s.acrossClients() ? null : new Calibration()));
        }
        for (Source s : lookahead) {
            this.lookahead.add(new Calibrated(s, s.acrossClients() ? null : new Calibration()));
        }
    }

    /** Settles the client's pending outcomes against the key it just read (call for every read, before predicting). */
    public void read(long connectionId, byte[] key) {
        outcomes.read(connectionId, key, Blend::record);
        lookaheadOutcomes.read(connectionId, key, Blend::record);
    }

    /**
     * The k best next-read keys with their calibrated chances, then the chain rolled forward from
     * the best of them, then the lookahead sources' keys; each names the source that proposed it.
     */
    public List<Prediction> predict(long connectionId, int k) {
        Map<KeyBytes, Candidate> candidates = new LinkedHashMap<>();
        for (Calibrated s : sources) {
            if (s.source.acrossClients()) {
                continue;
            }
            for (Prediction p : s.source.propose(connectionId, k)) {
                offer(candidates, new Candidate(p.key(), p.probability(), s.calibration, s.source.name()));
            }
        }
        OwnRecord own = ownRecords.computeIfAbsent(connectionId, c -> new OwnRecord());
        for (Calibrated s : sources) {
            if (s.source.acrossClients() && own.wantsAcrossClients()) {
                // Where it is surer than the context's own sources have been.
                List<Prediction> proposed = s.source.propose(connectionId, k);
                if (!proposed.isEmpty() && proposed.get(0).probability() > own.cameTrue()) {
                    proposed.forEach(p -> offer(candidates, new Candidate(p.key(), p.probability(), null, s.source.name())));
                }
            }
        }
        List<Candidate> ranked = new ArrayList<>(candidates.values());
        ranked.sort(Comparator.comparingDouble(Candidate::calibrated).reversed());
        List<Prediction> result = new ArrayList<>(k);
        for (Candidate c : ranked) {
            if (result.size() == k) {
                break;
            }
            result.add(new Prediction(c.key, c.calibrated(), 1, c.source));
        }
        Candidate bestOwnCandidate = null;
        for (Candidate c : ranked) {
            if (c.calibration != null) {
                bestOwnCandidate = c;
                break;
            }
        }
        for (Candidate c : candidates.values()) {
            if (c.calibration != null) {
                outcomes.expect(connectionId, c.key, new Scored(c.raw, c.calibration, c == bestOwnCandidate ? own : null));
            }
        }
        // Keys already named, so neither the chain nor the lookahead source names one twice.
        Set<KeyBytes> named = new HashSet<>();
        for (Prediction p : result) {
            named.add(new KeyBytes(p.key()));
        }
        if (!ranked.isEmpty()) {
            rollForward(connectionId, ranked.get(0), result, named);
        }
        if (!lookahead.isEmpty()) {
            lookAhead(connectionId, k, result, named);
        }
        return result;
    }

    /** Appends the chain of keys expected after the best next key (see the design note). */
    private void rollForward(long connectionId, Candidate first, List<Prediction> out, Set<KeyBytes> named) {
        byte[] cursor = first.key;
        double chance = first.calibrated();
        for (int depth = 2; depth <= HORIZON_KEYS; depth++) {
            Candidate best = null;
            for (Calibrated s : sources) {
                if (s.source.acrossClients()) {
                    continue;
                }
                for (Prediction p : s.source.proposeAfter(cursor, 1)) {
                    Candidate c = new Candidate(p.key(), p.probability(), s.calibration, s.source.name());
                    if (best == null || c.calibrated() > best.calibrated()) {
                        best = c;
                    }
                }
            }
            if (best == null) {
                return;
            }
            chance *= best.calibrated();
            if (chance < MIN_CHAIN_CHANCE || !named.add(new KeyBytes(best.key))) {
                return;
            }
            Calibration band = chainBands[Math.min(chainBands.length - 1, (depth - 2) / DEPTHS_PER_BAND)];
            out.add(new Prediction(best.key, band.calibrated(chance), depth, Source.CHAIN));
            outcomes.expect(connectionId, best.key, new Scored(chance, band));
            cursor = best.key;
        }
    }

    /** Appends the lookahead sources' keys, each at the depth its source gives, with its source's calibration. */
    private void lookAhead(long connectionId, int k, List<Prediction> out, Set<KeyBytes> named) {
        List<List<Prediction>> lists = new ArrayList<>(lookahead.size());
        int[] next = new int[lookahead.size()];
        for (Calibrated s : lookahead) {
            lists.add(s.source.propose(connectionId, k));
        }
        while (true) {
            // Merge: the head with the best calibrated chance goes next; each list keeps its order.
            int best = -1;
            double bestChance = -1;
            for (int i = 0; i < lists.size(); i++) {
                if (next[i] < lists.get(i).size()) {
                    double chance = chance(lookahead.get(i).calibration, lists.get(i).get(next[i]).probability());
                    if (chance > bestChance) {
                        best = i;
                        bestChance = chance;
                    }
                }
            }
            if (best < 0) {
                return;
            }
            Calibrated s = lookahead.get(best);
            Prediction p = lists.get(best).get(next[best]++);
            if (named.add(new KeyBytes(p.key()))) {
                out.add(new Prediction(p.key(), bestChance, p.depth(), s.source.name()));
                if (s.calibration != null) {
                    lookaheadOutcomes.expect(connectionId, p.key(), new Scored(p.probability(), s.calibration));
                }
            }
        }
    }

    /** Keeps, per key, the source that gives it the best calibrated chance. */
    private static void offer(Map<KeyBytes, Candidate> candidates, Candidate c) {
        candidates.merge(new KeyBytes(c.key), c, (a, b) -> a.calibrated() >= b.calibrated() ? a : b);
    }

    /**
     * The keys the sources across clients name after {@code key}, for a context that takes them
     * (see {@link #wantsAcrossClients}), at their own chances: what a read still gets when its
     * context has read again since (its own sources' next keys are past).
     */
    public List<Prediction> predictAcrossClients(long connectionId, byte[] key, int k) {
        if (!wantsAcrossClients(connectionId)) {
            return List.of();
        }
        List<Prediction> result = new ArrayList<>();
        for (Calibrated s : sources) {
            if (s.source.acrossClients()) {
                for (Prediction p : s.source.proposeAfter(key, k)) {
                    result.add(new Prediction(p.key(), p.probability(), p.depth(), s.source.name()));
                }
            }
        }
        return result;
    }

    /**
     * Whether the context's own sources fail often enough for a source across clients to be worth
     * its cost there: once {@link #MIN_OWN_OUTCOMES} of its outcomes are known, their best key came
     * true in under {@link #ACROSS_CLIENTS_BELOW} of the recent ones. A caller may skip feeding such
     * a source the reads of contexts that do not want it (a clean per-user context).
     */
    public boolean wantsAcrossClients(long connectionId) {
        OwnRecord own = ownRecords.get(connectionId);
        return own != null && own.wantsAcrossClients();
    }

    /** Drops a closed connection's pending outcomes. */
    public void forget(long connectionId) {
        outcomes.forget(connectionId);
        lookaheadOutcomes.forget(connectionId);
        ownRecords.remove(connectionId);
    }

    private static void record(Scored s, boolean read) {
        s.calibration.record(s.raw, read);
        if (s.own != null) {
            s.own.record(read);
        }
    }

    /** The chance a raw score stands for: calibrated, or as it is for a self-calibrated source (no calibration). */
    private static double chance(Calibration calibration, double raw) {
        return calibration == null ? raw : calibration.calibrated(raw);
    }

    /** A source with the calibration of its raw scores (null: the scores are chances already). */
    private record Calibrated(Source source, Calibration calibration) {
    }

    /** A raw score awaiting its outcome, the calibration the outcome feeds, and its context's record when it was the best own key. */
    private record Scored(double raw, Calibration calibration, OwnRecord own) {
        Scored(double raw, Calibration calibration) {
            this(raw, calibration, null);
        }
    }

    /** One context's own sources' best keys: how many came true, recent outcomes weighing more. */
    private static final class OwnRecord {
        double right;
        double total;

        /** The share of its recent best keys that came true. */
        double cameTrue() {
            return right / total;
        }

        boolean wantsAcrossClients() {
            return total >= MIN_OWN_OUTCOMES && cameTrue() < ACROSS_CLIENTS_BELOW;
        }

        void record(boolean read) {
            right = right * OWN_DECAY + (read ? 1 : 0);
            total = total * OWN_DECAY + 1;
        }
    }

    /** A key one source named, with its raw score and the calibration that turns it into a chance. */
    private record Candidate(byte[] key, double raw, Calibration calibration, String source) {
        double calibrated() {
            return chance(calibration, raw);
        }
    }
}
