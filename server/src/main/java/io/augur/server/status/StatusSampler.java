package io.augur.server.status;

import io.augur.predictor.shadow.AbTest;
import io.augur.predictor.shadow.ShadowScore;
import io.augur.server.prefetch.PrefetchRuntime;
import io.augur.server.prefetch.ShadowInfo;
import io.augur.server.stats.Stat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Reads one {@link StatusSample} from the sources INFO prints: the declared {@link Stat}s by their
 * INFO field name, and the prefetch runtime's shadow scores and A/B test as `# Predictors` reads them.
 */
public final class StatusSampler {

    private final LongSupplier clock;
    private final LongSupplier hits;
    private final LongSupplier misses;
    private final LongSupplier used;
    private final LongSupplier issued;
    private final LongSupplier late;
    private final DoubleSupplier precision;
    private final LongSupplier originRequests;
    private final Supplier<Object> predictor;
    private final PrefetchRuntime prefetch;

    /**
     * @param infoStats every statistic INFO declares ({@code InfoReport.stats()})
     * @throws IllegalArgumentException when INFO no longer declares a field the page shows
     */
    public StatusSampler(List<Stat> infoStats, PrefetchRuntime prefetch, LongSupplier clock) {
        Map<String, Stat> byField = new HashMap<>();
        // "predictor" is in two sections, reading the same source; the first one is as good as the other.
        infoStats.stream().filter(s -> s.infoName() != null).forEach(s -> byField.putIfAbsent(s.infoName(), s));
        this.clock = clock;
        this.hits = count(byField, "keyspace_hits");
        this.misses = count(byField, "keyspace_misses");
        this.used = count(byField, "prefetch_used");
        this.issued = count(byField, "prefetch_issued");
        this.late = count(byField, "prefetch_late");
        this.precision = field(byField, "prefetch_precision").number();
        this.originRequests = count(byField, "origin_requests");
        this.predictor = field(byField, "predictor").text();
        this.prefetch = prefetch;
    }

    private static Stat field(Map<String, Stat> byField, String name) {
        Stat stat = byField.get(name);
        if (stat == null) {
            throw new IllegalArgumentException("status page: INFO has no field " + name);
        }
        return stat;
    }

    private static LongSupplier count(Map<String, Stat> byField, String name) {
        DoubleSupplier number = field(byField, name).number();
        return () -> (long) number.getAsDouble();
    }

    /** The figures as they stand now. */
    public StatusSample sample() {
        List<StatusSample.Standing> standings = prefetch.shadowScores().stream()
                .map(StatusSampler::standing).toList();
        return new StatusSample(clock.getAsLong(), hits.getAsLong(), misses.getAsLong(), used.getAsLong(),
                issued.getAsLong(), late.getAsLong(), precision.getAsDouble(), originRequests.getAsLong(),
                String.valueOf(predictor.get()), standings, abStanding(prefetch.abTest()));
    }

    private static StatusSample.Standing standing(ShadowScore s) {
        return new StatusSample.Standing(s.predictor(), s.active(), s.predictions(), s.precision(), s.coverage());
    }

    private static StatusSample.AbStanding abStanding(AbTest ab) {
        if (ab == null) {
            return null;
        }
        return new StatusSample.AbStanding(ab.predictor(0), ab.predictor(1), ab.reads(0), ab.reads(1),
                ab.hitRatio(0), ab.hitRatio(1), ab.significance().pValue(), ShadowInfo.leader(ab));
    }
}
