package io.augur.predictor.eval;

import io.augur.predictor.model.Predictors;
import io.augur.predictor.plan.PrefetchPlanner;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReplaySimulationTest {

    private static final PredictionRecorder RECORDER =
            new PredictionRecorder(2, false, new PredictionRecorder.TrainingSchedule(1, 1, 0), n -> { });

    /** keys 0..n-1 read in a loop, {@code rounds} times: LRU smaller than the loop never hits. */
    private static Trace loop(int n, int rounds) throws IOException {
        StringBuilder text = new StringBuilder("# a loop\n");
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < n; i++) {
                text.append("k").append(i * 7 % n == 0 ? "x" : "").append(i).append('\n');
            }
        }
        return TraceReader.read("loop", new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void traceReader_readsGzipAndPlain_withClientsAndComments() throws IOException {
        String text = "# comment\n7 a\n7 b\n\n9 a\n";
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        for (byte[] bytes : List.of(text.getBytes(StandardCharsets.UTF_8), gz.toByteArray())) {
            Trace trace = TraceReader.read("t", new ByteArrayInputStream(bytes));
            assertEquals(3, trace.reads());
            assertEquals(2, trace.distinct());
            assertEquals(List.of(7, 7, 9), java.util.Arrays.stream(trace.clients()).boxed().toList());
            assertEquals(trace.keys()[0], trace.keys()[2]);
        }
    }

    @Test
    void lruOnALoopLargerThanTheCache_neverHits_whileBeladyDoes() throws IOException {
        Trace trace = loop(10, 20);
        assertEquals(0, ReplaySimulation.withoutPrefetch(trace, 9).hits());
        ReplayResult optimal = ReplaySimulation.belady(trace, 9);
        // OPT keeps 8 of the 10 loop keys and misses about 2 per round after the first.
        assertTrue(optimal.hitRatio() > 0.7, "belady " + optimal.hitRatio());
        assertTrue(optimal.hitRatio() <= 0.9);
    }

    @Test
    void successorPrefetch_onARepeatingLoop_turnsMissesIntoUsedPrefetches() throws IOException {
        Trace trace = loop(50, 40);
        PredictionTape tape = RECORDER.record(trace, Predictors.create("successor"));
        ReplayResult none = ReplaySimulation.withoutPrefetch(trace, 10);
        ReplayResult prefetched = ReplaySimulation.withPrefetch(trace, tape, 10, 1, 0.2, 2);
        assertEquals(0, none.hits());
        assertTrue(prefetched.hitRatio() > 0.9, "hit ratio " + prefetched.hitRatio());
        assertTrue(prefetched.precision() > 0.9, "precision " + prefetched.precision());
        assertEquals(prefetched.hits(), prefetched.used(), "every hit here comes from a prefetch");
        assertEquals(prefetched.reads() - prefetched.hits() + prefetched.issued(), prefetched.originRequests());
        assertTrue(prefetched.coverage(none) > 0.9);
    }

    @Test
    void aPrefetchThatLandsAfterTheRead_isLate_andCostsNoSecondOriginRequest() throws IOException {
        Trace trace = loop(50, 40);
        PredictionTape tape = RECORDER.record(trace, Predictors.create("successor"));
        ReplayResult slow = ReplaySimulation.withPrefetch(trace, tape, 10, 10, 0.2, 2);
        assertTrue(slow.late() > slow.reads() / 2, "late " + slow.late());
        assertEquals(slow.reads() - slow.hits() - slow.late() + slow.issued(), slow.originRequests());
        assertTrue(slow.issued() >= slow.used() + slow.wasted() + slow.late() - 1);
    }

    private static ReplayResult batched(Trace trace, PredictionTape tape, long[] contexts, int batch) {
        return ReplaySimulation.withPrefetch(trace, tape, 10, 1, new io.augur.predictor.plan.PlannerSettings()
                .minConfidence(0.2).topK(2).minPrecision(0), io.augur.predictor.eval.cache.Eviction.LRU, contexts,
                io.augur.predictor.cache.PrefetchStaging.DEFAULT_SHARE, batch);
    }

    @Test
    void aPredictorThatTakesReadsInBatches_plansOnlyAfterEachContextsLastReadOfTheBatch() throws IOException {
        Trace loop = loop(50, 40);
        // Each read predicts the key read 20 reads later: never read, cached or in flight inside a
        // batch of five, so only superseding keeps a prediction from being issued.
        PredictionTape tape = new PredictionTape("far", loop.reads());
        for (int i = 0; i < loop.reads(); i++) {
            tape.add(loop.keys()[(i + 20) % loop.reads()], 0.9, 1);
            tape.endRead();
        }
        ReplayResult everyRead = batched(loop, tape, null, 1);
        ReplayResult fives = batched(loop, tape, null, 5);
        // One context: four reads of every five are followed by another in the same batch.
        assertTrue(everyRead.issued() > loop.reads() * 0.9, "issued " + everyRead.issued());
        assertTrue(fives.issued() <= loop.reads() / 5 + 1, "issued " + fives.issued());

        // Two readers taking turns: a batch of two holds one read of each, so none is superseded.
        StringBuilder text = new StringBuilder();
        for (int r = 0; r < 40; r++) {
            for (int i = 0; i < 50; i++) {
                text.append("1 a").append(i).append('\n').append("2 b").append(i).append('\n');
            }
        }
        Trace turns = TraceReader.read("turns", new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
        long[] contexts = java.util.Arrays.stream(turns.clients()).asLongStream().toArray();
        PredictionRecorder perClient = new PredictionRecorder(2, true, new PredictionRecorder.TrainingSchedule(1, 1, 0), n -> { });
        PredictionTape perClientTape = perClient.record(turns, Predictors.create("successor"));
        long single = batched(turns, perClientTape, contexts, 1).issued();
        long pairs = batched(turns, perClientTape, contexts, 2).issued();
        assertTrue(pairs > single * 0.9, "pairs " + pairs + " against " + single);
        assertTrue(batched(turns, perClientTape, contexts, 4).issued() < single * 0.6);
    }

    @Test
    void aSupersededRead_keepsTheKeysTheInterleavedTableNamedByKey_asTheServersPredictByKey() throws IOException {
        Trace loop = loop(50, 40);
        // As above (each read names the key read 20 reads later), but named by the interleaved table:
        // a user's next key, whoever's read the context's next one was.
        PredictionTape byKey = new PredictionTape("interleaved", loop.reads());
        PredictionTape byContext = new PredictionTape("far", loop.reads());
        for (int i = 0; i < loop.reads(); i++) {
            byKey.add(loop.keys()[(i + 20) % loop.reads()], 0.9, 1, Predictors.INTERLEAVED);
            byKey.endRead();
            byContext.add(loop.keys()[(i + 20) % loop.reads()], 0.9, 1, "successor");
            byContext.endRead();
        }
        long everyRead = batched(loop, byKey, null, 1).issued();
        assertTrue(batched(loop, byKey, null, 5).issued() > everyRead * 0.9, "kept in batches of five");
        assertTrue(batched(loop, byContext, null, 5).issued() <= loop.reads() / 5 + 1, "dropped in batches of five");
    }

    @Test
    void aKeyReadAgain_hasWhatWasPlannedAfterItLastTimeFetchedAtTheRead_asTheServersRepeatPath() throws IOException {
        // 51 keys, batches of five: each round a different read ends a batch, so in time every key has a
        // plan (its successor). Planned only after each batch, the successor of a read inside a batch is
        // already read by then; repeated at the read itself, it lands before the next read.
        Trace loop = loop(51, 40);
        PredictionTape next = new PredictionTape("successor", loop.reads());
        PredictionTape unsure = new PredictionTape("successor", loop.reads());
        for (int i = 0; i < loop.reads(); i++) {
            next.add(loop.keys()[(i + 1) % loop.reads()], 0.9, 1);
            next.endRead();
            unsure.add(loop.keys()[(i + 1) % loop.reads()], PrefetchPlanner.REPEAT_MIN_CHANCE / 2, 1);
            unsure.endRead();
        }
        ReplayResult repeated = batched(loop, next, null, 5);
        assertTrue(repeated.hitRatio() > 0.8, "hit ratio " + repeated.hitRatio());
        // A plan of keys below the repeat's chance is not repeated: only each batch's last read gains.
        ReplayResult notRepeated = batched(loop, unsure, null, 5);
        assertTrue(notRepeated.hitRatio() < 0.3, "hit ratio " + notRepeated.hitRatio());
    }

    @Test
    void noPredictions_meanNoPrefetches_andTheSameHitsAsNone() throws IOException {
        Trace trace = loop(30, 10);
        PredictionTape tape = RECORDER.record(trace, Predictors.create("none"));
        ReplayResult r = ReplaySimulation.withPrefetch(trace, tape, 40, 1, 0.2, 2);
        assertEquals(ReplaySimulation.withoutPrefetch(trace, 40).hits(), r.hits());
        assertEquals(0, r.issued());
    }

    @Test
    void jsonRows_carryTheFieldsScriptsRelyOn() throws IOException {
        Trace trace = loop(20, 5);
        ReplayEvaluation evaluation = new ReplayEvaluation(trace, Predictors::create, RECORDER, 0.2, 2);
        evaluation.record(List.of("successor"));
        StringWriter text = new StringWriter();
        ReplayReport.json(new PrintWriter(text, true), "loop", evaluation.replay(5, 1));
        List<String> lines = text.toString().lines().toList();
        assertEquals(4, lines.size(), text.toString());
        for (String field : List.of("\"predictor\"", "\"eviction\"", "\"hit_ratio\"", "\"vs_tinylfu\"", "\"issued\"",
                "\"used\"", "\"wasted\"", "\"evicted_unread\"", "\"late\"", "\"precision\"", "\"coverage\"",
                "\"origin_per_read\"")) {
            assertTrue(lines.get(1).contains(field), field + " in " + lines.get(1));
        }
        assertTrue(lines.get(0).contains("\"predictor\":\"none\",\"eviction\":\"lru\""), lines.get(0));
        assertTrue(lines.get(1).contains("\"predictor\":\"successor\",\"eviction\":\"lru\""), lines.get(1));
        assertTrue(lines.get(2).contains("\"predictor\":\"none\",\"eviction\":\"tinylfu\""), "the baseline row");
        assertTrue(lines.get(3).contains("\"predictor\":\"belady\""));
    }

    @Test
    void prefetchingRows_countIssuedAndUsedBySourceOfPrediction() throws IOException {
        Trace trace = loop(20, 5);
        ReplayEvaluation evaluation = new ReplayEvaluation(trace, Predictors::create, RECORDER, 0.2, 2);
        evaluation.record(List.of("successor+delta"));
        List<ReplayResult> rows = evaluation.replay(5, 1);
        ReplayResult row = rows.stream().filter(ReplayResult::prefetching).findFirst().orElseThrow();
        assertTrue(row.used() > 0, row.toString());
        assertEquals(row.issued(), row.issuedBySource().values().stream().mapToLong(Long::longValue).sum());
        assertEquals(row.used(), row.usedBySource().values().stream().mapToLong(Long::longValue).sum());
        assertTrue(row.usedBySource().getOrDefault("successor", 0L) > 0, row.usedBySource().toString());
        StringWriter text = new StringWriter();
        ReplayReport.json(new PrintWriter(text, true), "loop", rows);
        assertTrue(text.toString().contains("\"used_by_source\":{"), text.toString());
    }
}
