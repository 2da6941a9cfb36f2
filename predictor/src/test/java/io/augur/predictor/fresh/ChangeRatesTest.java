package io.augur.predictor.fresh;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ChangeRatesTest {

    private static byte[] key(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shape_replacesDigitRuns() {
        assertThat(new String(KeyShape.of(key("user:42:profile:7")), StandardCharsets.UTF_8)).isEqualTo("user:*:profile:*");
        assertThat(KeyShape.of(key("x".repeat(200)))).hasSize(KeyShape.MAX_SHAPE_BYTES);
    }

    @Test
    void poissonChanges_refetchedAtIrregularIntervals_rateRecoveredWithinAFifth() {
        Random random = new Random(7);
        double rate = 1.0 / 2000; // one change per 2 s
        // Shape evidence fades slowest, so it carries the long-run estimate.
        ChangeRates rates = new ChangeRates(1000);
        for (int i = 0; i < 3000; i++) {
            long elapsed = 100 + random.nextInt(3000);
            boolean changed = random.nextDouble() < -Math.expm1(-rate * elapsed);
            rates.observe(key("price:" + (i % 50)), elapsed, changed);
        }
        assertThat(rates.ratePerMilli(key("price:999"))).isCloseTo(rate, within(rate / 5));
    }

    @Test
    void changingKey_getsAShorterTtlThanAStableOne_andAnUnknownShapeTheFallback() {
        ChangeRates rates = new ChangeRates(1000);
        for (int i = 0; i < 20; i++) {
            rates.observe(key("ticker:1"), 1000, true);
            rates.observe(key("country:1"), 1000, false);
        }
        long fast = FreshnessTtl.ttlMillis(rates.ratePerMilli(key("ticker:1")), 0.1, 10, 3_600_000, 60_000);
        long slow = FreshnessTtl.ttlMillis(rates.ratePerMilli(key("country:1")), 0.1, 10, 3_600_000, 60_000);
        assertThat(fast).isLessThan(1000);
        assertThat(slow).isGreaterThan(fast * 10);
        assertThat(FreshnessTtl.ttlMillis(rates.ratePerMilli(key("other:1")), 0.1, 10, 3_600_000, 60_000))
                .isEqualTo(60_000);
        // A new key of a known shape starts from the shape.
        double known = rates.ratePerMilli(key("ticker:1"));
        assertThat(rates.ratePerMilli(key("ticker:2"))).isCloseTo(known, within(known / 2));
    }

    @Test
    void memory_staysWithinTheKeyBound() {
        ChangeRates rates = new ChangeRates(100);
        for (int i = 0; i < 10_000; i++) {
            rates.observe(key("k" + i), 10, false);
        }
        assertThat(rates.trackedKeys()).isLessThanOrEqualTo(100);
    }
}
