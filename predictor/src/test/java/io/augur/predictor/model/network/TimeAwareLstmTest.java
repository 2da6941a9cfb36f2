package io.augur.predictor.model.network;

import io.augur.engine.EngineSettings;
import io.augur.engine.NativeEngine;
import io.augur.predictor.log.AccessEvent;
import io.augur.predictor.train.LstmTraining;
import io.augur.predictor.train.Sequences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The time of day as a model input, trained for real: each visitor reads a landing page, then the
 * page it leads to, and where it leads differs between the night shift and the day shift.
 */
// A safety net against a hung engine, not a performance bound: training ends by epochs, never by the clock.
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class TimeAwareLstmTest {

    private static final int LANDINGS = 10;
    private static final int EPOCHS = 15;
    /** A training budget no run reaches, so a loaded machine trains as many epochs as an idle one. */
    private static final long UNREACHED_BUDGET_MILLIS = TimeUnit.HOURS.toMillis(1);
    private static final long HOUR = 3_600_000L;
    private static final long MONDAY = 1_764_547_200_000L; // 2025-12-01T00:00:00Z

    /** Where landing {@code i} leads: one page at night (00-12 h), another by day (12-24 h). */
    private static int route(int landing, boolean day) {
        return day ? (landing + 5) % LANDINGS : landing;
    }

    private static byte[] key(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Four days of visits, 20 an hour, each visitor on its own connection. */
    private static List<AccessEvent> visits(boolean withTime) {
        Random random = new Random(7);
        List<AccessEvent> events = new ArrayList<>();
        long visitor = 0;
        for (int hour = 0; hour < 4 * 24; hour++) {
            for (int v = 0; v < 20; v++) {
                long time = withTime ? MONDAY + hour * HOUR + v * 60_000L : 0;
                int landing = random.nextInt(LANDINGS);
                int page = route(landing, hour % 24 >= 12);
                visitor++;
                events.add(new AccessEvent(key("landing:" + landing), AccessEvent.Op.READ, false, time, visitor));
                events.add(new AccessEvent(key("page:" + page), AccessEvent.Op.READ, false, time + 1, visitor));
            }
        }
        return events;
    }

    /** Share of (landing, shift) pairs whose route the model names first. */
    private static double routesNamedFirst(LstmModel model) {
        int right = 0;
        for (int landing = 0; landing < LANDINGS; landing++) {
            for (boolean day : new boolean[]{false, true}) {
                byte[] landingKey = key("landing:" + landing);
                int[] context = Sequences.context(List.of(landingKey), model.vocabulary());
                int slot = TimeOfWeek.slot(MONDAY + 7 * 24 * HOUR + (day ? 15 : 3) * HOUR); // the next Monday
                int best = model.predict(new int[][]{context}, new int[]{slot}, 1)[0].tokens()[0];
                byte[] named = model.vocabulary().decode(landingKey, best);
                if (named != null && new String(named, StandardCharsets.UTF_8).equals("page:" + route(landing, day))) {
                    right++;
                }
            }
        }
        return right / (2.0 * LANDINGS);
    }

    @Test
    void train_routeThatChangesWithTheHour_isLearnedFromTheTimeInputs() throws Exception {
        NativeEngine engine = NativeEngine.load(new EngineSettings("cpu", 1, 1));
        LstmTraining.Result timed = LstmTraining.train(engine, visits(true), 100, EPOCHS, UNREACHED_BUDGET_MILLIS, 1, 1);
        LstmTraining.Result blind = LstmTraining.train(engine, visits(false), 100, EPOCHS, UNREACHED_BUDGET_MILLIS, 1, 1);
        // Every epoch ran, whatever the machine's load: the outcome depends on the data alone.
        assertThat(timed.steps()).isEqualTo(EPOCHS * (timed.samples() / LstmTraining.BATCH_SIZE));
        assertThat(blind.steps()).isEqualTo(EPOCHS * (blind.samples() / LstmTraining.BATCH_SIZE));
        try (LstmModel withTime = timed.model(); LstmModel withoutTime = blind.model()) {
            assertThat(routesNamedFirst(withTime)).as("with the hour as input").isGreaterThanOrEqualTo(0.9);
            // Not evidence, a sanity bound that holds by construction: without the time the same
            // context always gets the same answer, so it is right in one shift at most. The
            // evidence is the 0.9 above, which no time-blind predictor (table or network) reaches.
            assertThat(routesNamedFirst(withoutTime)).as("time held constant").isLessThanOrEqualTo(0.5);
        }
    }
}
