package io.augur.predictor.eval;

import io.augur.predictor.context.ReadingContexts;
import io.augur.predictor.model.SuccessorPredictor;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The replay sees the reads as the live server would: over one connection, per client, or pooled. */
class ReplayConnectionsTest {

    /** Eight users, each walking its own fixed path of keys that name them, interleaved at random. */
    private static Trace users(boolean ownerInKeys) throws IOException {
        StringBuilder text = new StringBuilder();
        Random random = new Random(3);
        int[] position = new int[8];
        for (int i = 0; i < 8 * 30 * 20; i++) {
            int user = random.nextInt(8);
            int step = position[user]++ % 30;
            String key = ownerInKeys ? "user:" + user + ":page:" + (step * 7 % 31) : "p" + user + "-" + (step * 7 % 31);
            text.append(user).append(' ').append(key).append('\n');
        }
        return TraceReader.read("users", new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static double hitRatio(Trace trace, ReplayConnections how) {
        PredictionRecorder recorder = new PredictionRecorder(2, how, new PredictionRecorder.TrainingSchedule(1, 1, 0),
                n -> { });
        PredictionTape tape = recorder.record(trace, new SuccessorPredictor());
        return ReplaySimulation.withPrefetch(trace, tape, 40, 1, new io.augur.predictor.plan.PlannerSettings()
                .minConfidence(0.3).topK(2).minPrecision(0), io.augur.predictor.eval.cache.Eviction.LRU,
                recorder.contexts(trace)).hitRatio();
    }

    @Test
    void contexts_pooled_interleavesUsersOverConnections_perClient_keepsThemApart() throws IOException {
        Trace trace = users(false);
        long[] perClient = ReplayConnections.perClient(ReadingContexts.Mode.CONNECTION).contexts(trace);
        long[] pooled = ReplayConnections.pooled(2, ReadingContexts.Mode.CONNECTION).contexts(trace);
        for (int i = 0; i < trace.reads(); i++) {
            assertThat(perClient[i]).isEqualTo(trace.clients()[i]);
            assertThat(pooled[i]).isEqualTo(i % 2);
        }
    }

    @Test
    void replay_pooledConnections_predictsLittle_unlessKeysNameTheirUser() throws IOException {
        Trace plain = users(false);
        Trace named = users(true);
        double perClient = hitRatio(plain, ReplayConnections.perClient(ReadingContexts.Mode.CONNECTION));
        double pooledPlain = hitRatio(plain, ReplayConnections.pooled(2, ReadingContexts.Mode.KEY));
        double pooledNamed = hitRatio(named, ReplayConnections.pooled(2, ReadingContexts.Mode.KEY));
        double pooledNamedByConnection = hitRatio(named, ReplayConnections.pooled(2, ReadingContexts.Mode.CONNECTION));
        assertThat(perClient).isGreaterThan(0.8);
        assertThat(pooledPlain).isLessThan(0.4);
        assertThat(pooledNamedByConnection).isLessThan(0.4);
        assertThat(pooledNamed).as("users reconstructed from the keys").isGreaterThan(0.8);
    }
}
