package io.augur.server.cli;

import io.augur.predictor.eval.Trace;
import io.augur.predictor.eval.TraceReader;
import io.augur.server.prefetch.FreshnessReplay;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * `augur freshness`: replays a trace against the simulated origin whose values change by key group,
 * with fixed TTLs and with adaptive TTL plus refresh-ahead, and prints hit ratio, origin reads per
 * read and stale-read share side by side. Run: {@code ./augur freshness --trace ../shared/traces/web12.trace.gz}
 */
@Command(name = "freshness", mixinStandardHelpOptions = true,
        description = "Compare fixed TTLs with adaptive TTLs and refresh-ahead on a trace against a changing sim origin.")
final class FreshnessCommand implements Callable<Integer> {

    @Option(names = "--trace", required = true, paramLabel = "FILE", description = "the trace to replay")
    Path trace;

    @Option(names = "--limit", paramLabel = "READS", description = "replay only the first READS reads")
    Integer limit;

    @Option(names = "--millis-per-read", defaultValue = "1", description = "simulated time between reads (default: ${DEFAULT-VALUE})")
    long millisPerRead;

    @Option(names = "--groups", split = ",", defaultValue = "price:,profile:,static:",
            description = "key prefixes; each trace key joins one by hash (default: ${DEFAULT-VALUE})")
    List<String> groups;

    @Option(names = "--change", defaultValue = "price:*=2s,profile:*=60s,static:*=never",
            description = "how often each group changes at the origin, as sim://?change= (default: ${DEFAULT-VALUE})")
    String change;

    @Option(names = "--ttl", split = ",", defaultValue = "1,5,15,60,300", paramLabel = "SECONDS",
            description = "fixed TTLs to compare (default: ${DEFAULT-VALUE})")
    List<Long> fixedTtls;

    @Option(names = "--budget", split = ",", defaultValue = "0.01,0.02,0.05,0.1,0.2",
            description = "origin-stale-budget values for the adaptive rows (default: ${DEFAULT-VALUE})")
    List<Double> budgets;

    @Option(names = "--fallback-ttl", defaultValue = "60", paramLabel = "SECONDS",
            description = "the fixed TTL adaptive rows start unknown keys with (default: ${DEFAULT-VALUE})")
    long fallbackTtl;

    @Option(names = "--ttl-min", defaultValue = "100", description = "origin-ttl-min, ms (default: ${DEFAULT-VALUE})")
    long ttlMin;

    @Option(names = "--ttl-max", defaultValue = "3600000", description = "origin-ttl-max, ms (default: ${DEFAULT-VALUE})")
    long ttlMax;

    @Option(names = "--refresh-rate", defaultValue = "1000", description = "refreshes per second allowed, as prefetch-max-rate (default: ${DEFAULT-VALUE})")
    double refreshRate;

    @Override
    public Integer call() throws Exception {
        Trace t = TraceReader.read(trace);
        if (limit != null) {
            t = t.head(limit);
        }
        FreshnessReplay replay = new FreshnessReplay(t, groups, change, millisPerRead, ttlMin, ttlMax, refreshRate);
        List<FreshnessReplay.Setup> setups = new ArrayList<>();
        for (long ttl : fixedTtls) {
            setups.add(new FreshnessReplay.Setup("fixed ttl " + ttl + "s", ttl, false, 0, false));
        }
        for (double b : budgets) {
            setups.add(new FreshnessReplay.Setup("adaptive b=" + b, fallbackTtl, true, b, false));
            setups.add(new FreshnessReplay.Setup("adaptive b=" + b + " +refresh", fallbackTtl, true, b, true));
        }
        System.out.printf("trace %s: %,d reads, %,d keys, %d ms per read (%.0f s simulated); change %s over groups %s%n",
                t.name(), t.reads(), t.distinct(), millisPerRead, t.reads() * millisPerRead / 1000.0, change, groups);
        System.out.printf("%-28s %9s %14s %11s %13s %10s %10s %12s %18s%n", "setup", "hit ratio", "origin/read",
                "stale share", "hot misses*", "refreshes", "ref. used", "mean ttl ms", "stale/hit (est.)");
        List<String> byGroup = new ArrayList<>();
        for (FreshnessReplay.Setup setup : setups) {
            FreshnessReplay.Result r = replay.run(setup);
            byGroup.add(String.format("%-28s %s", setup.name(), r.hotMissesByGroup()));
            System.out.printf("%-28s %9.4f %14.4f %11.5f %13d %10d %10d %12.0f %18s%n", setup.name(), r.hitRatio(),
                    r.originReadsPerRead(), r.staleShare(), r.hotMissesAfterWarmUp(), r.refreshes(), r.refreshesUsed(),
                    setup.adaptive() ? r.meanTtlMillis() : setup.fixedTtlSeconds() * 1000.0,
                    setup.adaptive() ? String.format("%.4f (%.4f)", r.stalePerHit(), r.estimatedStalePerHit())
                            : String.format("%.4f", r.stalePerHit()));
        }
        System.out.printf("* misses on the %d most read keys in the second half of the trace, by group:%n",
                FreshnessReplay.HOT_KEYS);
        byGroup.forEach(System.out::println);
        return 0;
    }
}
