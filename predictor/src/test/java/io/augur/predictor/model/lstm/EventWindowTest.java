package io.augur.predictor.model.lstm;

import io.augur.predictor.log.AccessEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventWindowTest {

    private static final long MINUTE = 60_000L;

    private static AccessEvent readAt(long minute) {
        return new AccessEvent(("k" + minute).getBytes(StandardCharsets.UTF_8), AccessEvent.Op.READ, false,
                minute * MINUTE, 1);
    }

    private static long hourOf(AccessEvent e) {
        return e.timeMillis() / (60 * MINUTE);
    }

    @Test
    void aShortWindow_isPrecededByTheLatestReadsOfEveryOtherHourOfTheDay() {
        EventWindow window = new EventWindow(120, 24 * 10); // two hours of reads; ten per hour of the day
        for (long minute = 0; minute < 30 * 60; minute++) { // 30 hours, one read a minute
            window.add(readAt(minute));
        }
        List<AccessEvent> snapshot = window.snapshot();
        List<AccessEvent> recent = snapshot.subList(snapshot.size() - 120, snapshot.size());
        List<AccessEvent> day = snapshot.subList(0, snapshot.size() - 120);

        assertThat(recent.get(0).timeMillis()).isEqualTo(28 * 60 * MINUTE);
        assertThat(day).hasSize(22 * 10);
        // Hours 4 to 27 end before the window; their hours of the day are all different.
        assertThat(day.stream().map(e -> hourOf(e) % 24).distinct()).hasSize(22);
        assertThat(day.stream().map(EventWindowTest::hourOf)).allMatch(h -> h >= 6 && h < 28);
        for (int i = 1; i < day.size(); i++) {
            assertThat(day.get(i).timeMillis()).as("oldest first").isGreaterThan(day.get(i - 1).timeMillis());
        }
        // Each hour contributes its last ten minutes, in one contiguous run.
        assertThat(day.get(0).timeMillis()).isEqualTo((6 * 60 + 50) * MINUTE);
    }

    @Test
    void withoutAClock_orWithoutMemory_theSnapshotIsTheWindow() {
        EventWindow timeless = new EventWindow(100, 2_400);
        EventWindow forgetful = new EventWindow(100, 0);
        for (long minute = 0; minute < 1_000; minute++) {
            timeless.add(new AccessEvent(new byte[]{1}, AccessEvent.Op.READ, false, 0, 1));
            forgetful.add(readAt(minute * 10));
        }
        assertThat(timeless.snapshot()).hasSize(100);
        assertThat(forgetful.snapshot()).hasSize(100);
    }

    @Test
    void writesAndCloses_stayOutOfTheDayMemory() {
        EventWindow window = new EventWindow(10, 240);
        for (long minute = 0; minute < 600; minute++) {
            window.add(new AccessEvent(new byte[]{1}, AccessEvent.Op.WRITE, true, minute * MINUTE, 1));
        }
        assertThat(window.snapshot()).hasSize(10);
    }
}
