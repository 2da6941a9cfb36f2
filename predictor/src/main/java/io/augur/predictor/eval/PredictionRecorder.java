package io.augur.predictor.eval;

import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.model.Prediction;
import io.augur.predictor.model.Predictor;
import io.augur.predictor.model.lstm.LstmModel;
import io.augur.predictor.model.lstm.LstmPredictor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongConsumer;

/**
 * Drives a predictor over a trace as the server's predictor thread would (observe each read, then
 * ask for the client's next keys) and records its predictions on a tape.
 */
public final class PredictionRecorder {

    /*
     * The LSTM trains on a schedule counted in reads, synchronously, so a replay is repeatable and
     * never uses a model trained on reads it has not yet seen. Between trainings its predictions
     * are computed ahead in batches (LstmPredictor.precompute) from the same histories predict()
     * will see: the same numbers, a fraction of the per-call cost.
     */

    /** Reads whose LSTM predictions are computed in one batch. */
    private static final int PRECOMPUTE_READS = 1024;

    private final int k;
    private final ReplayConnections connections;
    private final TrainingSchedule schedule;
    /** The contexts of the trace last recorded (computed once per trace). */
    private Trace contextsOf;
    private long[] contexts;
    private final LongConsumer progress;

    /**
     * @param k           predictions asked for per read
     * @param clientAware use the trace's client column as the connection; otherwise one connection
     * @param schedule    when the LSTM trains (ignored for other predictors)
     * @param progress    told the number of reads done, now and then
     */
    public PredictionRecorder(int k, boolean clientAware, TrainingSchedule schedule, LongConsumer progress) {
        this(k, clientAware ? ReplayConnections.perClient(io.augur.predictor.context.ReadingContexts.Mode.CONNECTION)
                : ReplayConnections.SINGLE, schedule, progress);
    }

    /**
     * @param connections how the reads reach the server and are grouped into reading contexts
     */
    public PredictionRecorder(int k, ReplayConnections connections, TrainingSchedule schedule, LongConsumer progress) {
        this.k = k;
        this.connections = connections;
        this.schedule = schedule;
        this.progress = progress;
    }

    /** The reading context of every read of {@code trace}, as the predictor sees it. */
    public long[] contexts(Trace trace) {
        if (contextsOf != trace) {
            contexts = connections.contexts(trace);
            contextsOf = trace;
        }
        return contexts;
    }

    public PredictionTape record(Trace trace, Predictor predictor) {
        return record(trace, predictor, predictor.name(), true);
    }

    /**
     * Records under {@code name}; with {@code train} false an LSTM predictor never trains, so its
     * tape shows what its calibrated tables and roll-forward do without a network (an ablation).
     */
    public PredictionTape record(Trace trace, Predictor predictor, String name, boolean train) {
        KeyTable table = trace.table();
        int[] keys = trace.keys();
        PredictionTape tape = new PredictionTape(name, keys.length);
        LstmPredictor lstm = predictor instanceof LstmPredictor l ? l : null;
        int precomputedTo = 0;
        for (int i = 0; i < keys.length; i++) {
            if (lstm != null) {
                if (train && schedule.trainsBefore(i, keys.length)) {
                    lstm.trainNow();
                    precomputedTo = i; // a new model: the cached predictions are gone
                }
                if (i == precomputedTo) {
                    precomputedTo = Math.min(keys.length, i + PRECOMPUTE_READS);
                    lstm.precompute(histories(trace, i, precomputedTo), k);
                }
            }
            long connection = connection(trace, i);
            long time = i * trace.millisPerRead();
            predictor.observe(new AccessEvent(table.key(keys[i]), AccessEvent.Op.READ, true, time, connection));
            for (Prediction p : predictor.predict(connection, k)) {
                tape.add(table.idOf(p.key()), p.probability(), p.depth(), p.source());
            }
            tape.endRead();
            if ((i & 0xffff) == 0xffff) {
                progress.accept(i + 1);
            }
        }
        progress.accept(keys.length);
        return tape;
    }

    private long connection(Trace trace, int read) {
        return contexts(trace)[read];
    }

    /** The history each client has just after reads from..to-1 (its last SEQUENCE_LENGTH keys). */
    private List<LstmPredictor.Recent> histories(Trace trace, int from, int to) {
        int window = LstmModel.SEQUENCE_LENGTH;
        Map<Long, Deque<byte[]>> byClient = new HashMap<>();
        // Seed each client's history from the reads just before the batch.
        boolean many = connections.kind() != ReplayConnections.Kind.SINGLE;
        int seedFrom = Math.max(0, from - (many ? 64 * window : window));
        List<LstmPredictor.Recent> out = new ArrayList<>(to - from);
        for (int i = seedFrom; i < to; i++) {
            Deque<byte[]> h = byClient.computeIfAbsent(connection(trace, i), c -> new ArrayDeque<>());
            h.addLast(trace.table().key(trace.keys()[i]));
            if (h.size() > window) {
                h.removeFirst();
            }
            if (i >= from) {
                out.add(new LstmPredictor.Recent(new ArrayList<>(h), i * trace.millisPerRead()));
            }
        }
        return out;
    }

    /**
     * When the LSTM trains during a replay: first after {@code firstReads} reads, then every
     * {@code everyReads}, at most {@code maxRuns} times.
     */
    public record TrainingSchedule(int firstReads, int everyReads, int maxRuns) {

        /** A schedule that trains a few times over a trace of any length. */
        public static TrainingSchedule forTrace(int reads) {
            int first = Math.min(20_000, Math.max(1_000, reads / 10));
            return new TrainingSchedule(first, Math.max(50_000, reads / 8), 8);
        }

        boolean trainsBefore(int read, int reads) {
            if (read < firstReads) {
                return false;
            }
            int since = read - firstReads;
            return since % everyReads == 0 && since / everyReads < maxRuns;
        }
    }
}
