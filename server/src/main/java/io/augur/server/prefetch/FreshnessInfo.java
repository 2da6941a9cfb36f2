package io.augur.server.prefetch;

import io.augur.server.config.FreshnessSettings;
import io.augur.server.info.InfoSection;
import io.augur.server.info.StatSection;
import io.augur.server.stats.Stat;

import java.util.List;

/** INFO's `# Freshness` section: learnt change rates, adaptive TTLs and refresh-ahead, also as metrics. */
public final class FreshnessInfo implements InfoSection {

    private final List<Stat> stats;

    public FreshnessInfo(FreshnessSettings settings, PrefetchRuntime p) {
        FreshnessStats s = p.freshness().stats();
        this.stats = List.of(
                Stat.text("adaptive_ttl", () -> settings.adaptiveTtl() ? 1 : 0),
                Stat.text("refresh_ahead", () -> settings.refreshAhead() ? 1 : 0),
                Stat.text("stale_budget", settings::staleBudget),
                Stat.counter("origin_values_changed", "augur.origin.values.changed",
                        "refetches of a held key that found a different value", s::changed),
                Stat.counter("origin_values_unchanged", "augur.origin.values.unchanged",
                        "refetches of a held key that found the same value", s::unchanged),
                Stat.gauge("stale_read_ratio_estimated", "augur.origin.stale.read.ratio",
                        "estimated share of hits on origin values that returned a value the origin had changed",
                        s::estimatedStaleReadRatio, "%.5f"),
                Stat.counter("adaptive_ttls", null, "adaptive TTLs assigned", s::adaptiveTtls),
                Stat.gauge("adaptive_ttl_mean_ms", null, "mean adaptive TTL assigned, milliseconds", s::meanTtlMillis,
                        "%.1f"),
                Stat.counter("refresh_issued", "augur.refresh.issued", "refresh-ahead fetches sent", s::refreshIssued),
                Stat.counter("refresh_used", "augur.refresh.used", "refreshed values read before their next refresh or "
                        + "expiry", s::refreshUsed),
                Stat.counter("refresh_wasted", "augur.refresh.wasted", "refreshed values nobody read", s::refreshWasted),
                Stat.counter("refresh_skipped_budget", null, "refreshes not sent: budget spent", s::refreshSkippedBudget),
                Stat.counter("refresh_client_won", null, "refreshes dropped: a client wrote the key meanwhile",
                        s::refreshClientWon),
                Stat.counter("refresh_failed", null, "refreshes the origin failed or had no value for", s::refreshFailed),
                Stat.gauge("refresh_pending", null, "refreshes planned, not yet due", p::refreshPending),
                Stat.gauge("refresh_inflight", null, "refreshes sent, not answered", p::refreshInFlight),
                Stat.gauge("freshness_tracked_keys", null, "keys whose origin fetches are remembered (bounded)",
                        () -> p.freshness().trackedKeys()));
    }

    @Override
    public List<Stat> stats() {
        return stats;
    }

    @Override
    public String name() {
        return "freshness";
    }

    @Override
    public String title() {
        return "Freshness";
    }

    @Override
    public void write(StringBuilder out) {
        StatSection.write(out, stats);
    }
}
