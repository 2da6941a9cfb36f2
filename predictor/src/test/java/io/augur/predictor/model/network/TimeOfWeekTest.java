package io.augur.predictor.model.network;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TimeOfWeekTest {

    private static long at(String utc) {
        return Instant.parse(utc).toEpochMilli();
    }

    @Test
    void slots_countQuarterHoursFromMondayMidnightUtc() {
        assertThat(TimeOfWeek.slot(at("2026-11-23T00:00:00Z"))).isZero(); // a Monday
        assertThat(TimeOfWeek.slot(at("2026-11-23T00:14:59Z"))).isZero();
        assertThat(TimeOfWeek.slot(at("2026-11-23T00:15:00Z"))).isEqualTo(1);
        assertThat(TimeOfWeek.slot(at("2026-11-29T23:59:59Z"))).isEqualTo(7 * 96 - 1); // Sunday night
        assertThat(TimeOfWeek.slot(0)).as("1970-01-01 was a Thursday").isEqualTo(3 * 96);
        assertThat(TimeOfWeek.slot(at("1969-12-31T23:45:00Z"))).as("before the epoch").isEqualTo(3 * 96 - 1);
    }

    @Test
    void features_areCyclic_soMidnightNeighboursStayClose() {
        float[] beforeMidnight = TimeOfWeek.features(TimeOfWeek.slot(at("2026-11-24T23:45:00Z")));
        float[] midnight = TimeOfWeek.features(TimeOfWeek.slot(at("2026-11-25T00:00:00Z")));
        float[] noon = TimeOfWeek.features(TimeOfWeek.slot(at("2026-11-25T12:00:00Z")));
        assertThat(beforeMidnight).hasSize(TimeOfWeek.FEATURES);
        assertThat(hourDistance(beforeMidnight, midnight)).isLessThan(0.1);
        assertThat(hourDistance(midnight, noon)).isCloseTo(2.0, within(1e-4));
    }

    @Test
    void features_sundayNightAndMondayMorning_areNeighbouringDays() {
        float[] sunday = TimeOfWeek.features(TimeOfWeek.slot(at("2026-11-29T10:00:00Z")));
        float[] monday = TimeOfWeek.features(TimeOfWeek.slot(at("2026-11-30T10:00:00Z")));
        float[] thursday = TimeOfWeek.features(TimeOfWeek.slot(at("2026-11-26T10:00:00Z")));
        assertThat(dayDistance(sunday, monday)).isLessThan(dayDistance(sunday, thursday));
    }

    private static double hourDistance(float[] a, float[] b) {
        return Math.hypot(a[0] - b[0], a[1] - b[1]);
    }

    private static double dayDistance(float[] a, float[] b) {
        return Math.hypot(a[2] - b[2], a[3] - b[3]);
    }
}
