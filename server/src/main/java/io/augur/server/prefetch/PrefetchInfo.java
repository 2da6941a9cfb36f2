package io.augur.server.prefetch;

import io.augur.predictor.model.lstm.LstmPredictor;
import io.augur.server.config.OriginAccessSettings;
import io.augur.server.config.PrefetchSettings;
import io.augur.server.config.ServerConfig;
import io.augur.server.info.InfoSection;
import io.augur.server.info.StatSection;
import io.augur.server.origin.GuardedOrigin;
import io.augur.server.origin.OriginStats;
import io.augur.server.stats.Stat;

import java.util.List;

/**
 * INFO's `# Prefetch` section: the prediction → prefetch → use pipeline and the origin behind it,
 * declared once as {@link Stat}s that the metrics registry reads too.
 */
public final class PrefetchInfo implements InfoSection {

    private final List<Stat> stats;

    public PrefetchInfo(ServerConfig config, PrefetchRuntime service, GuardedOrigin origin) {
        this.stats = stats(config.prefetch(), config.originAccess(), service, origin);
    }

    /** The section's statistics, in INFO's order. */
    public List<Stat> stats() {
        return stats;
    }

    private static List<Stat> stats(PrefetchSettings settings, OriginAccessSettings originAccess, PrefetchRuntime p,
                                    GuardedOrigin origin) {
        PrefetchStats s = p.stats();
        return List.of(
                Stat.text("prefetch_enabled", () -> settings.prefetchEnabled() ? 1 : 0),
                Stat.text("predictor", p::activePredictor),
                Stat.text("predictor_requested", p::requestedPredictor),
                Stat.text("model_version", () -> p.predictor() instanceof LstmPredictor lstm ? lstm.modelVersion() : 0),
                Stat.counter("predictions", "augur.predictions", "keys predicted", s::predictions),
                Stat.counter("prefetch_issued", "augur.prefetch.issued", "prefetches sent to the origin", s::issued),
                Stat.counter("prefetch_stored", null, "prefetches stored", s::stored),
                Stat.counter("prefetch_used", "augur.prefetch.used", "prefetched keys read by a client", s::used),
                Stat.counter("prefetch_wasted", "augur.prefetch.wasted", "prefetched keys evicted or expired unread",
                        s::wasted),
                Stat.counter("prefetch_late", "augur.prefetch.late", "misses on a key whose prefetch was on its way",
                        s::late),
                Stat.counter("prefetch_absent", null, "prefetches the origin had no value for", s::absent),
                Stat.counter("prefetch_failed", null, "prefetches that failed", s::failed),
                Stat.counter("prefetch_already_cached", null, "prefetches a client's write overtook", s::alreadyCached),
                Stat.gauge("prefetch_precision", "augur.prefetch.precision", "used / issued", s::precision, "%.4f"),
                Stat.text("prefetch_issued_by_source", s::issuedBySource),
                Stat.text("prefetch_used_by_source", s::usedBySource),
                Stat.gauge("prefetch_inflight", "augur.prefetch.inflight", "prefetches outstanding", p::inFlight),
                Stat.gauge("prefetch_reach_ahead", "augur.prefetch.reach.ahead",
                        "1 while the planner also takes keys predicted further ahead (its prefetches land late)",
                        () -> p.planner().reachingAhead() ? 1 : 0),
                Stat.gauge("origin_latency_reads", "augur.prefetch.origin.latency.reads",
                        "client reads that pass while a prefetch is in flight (smoothed)",
                        () -> p.planner().latencyReads(), "%.1f"),
                Stat.gauge("origin_latency_context_reads", "augur.prefetch.origin.latency.context.reads",
                        "the reading context's own reads that pass while its prefetch is in flight (smoothed): "
                                + "what reach-ahead plans with", () -> p.planner().contextLatencyReads(), "%.2f"),
                Stat.text("prefetch_context", settings::prefetchContext),
                // The planner's thresholds as the planner holds them (CONFIG SET writes them in place).
                Stat.text("prefetch_min_confidence", () -> settings.planner().minConfidence()),
                Stat.text("prefetch_top_k", () -> settings.planner().topK()),
                Stat.text("prefetch_max_inflight", () -> settings.planner().maxInFlight()),
                Stat.text("prefetch_max_rate", () -> settings.planner().maxRequestsPerSecond()),
                Stat.text("prefetch_dedup_window_ms", () -> settings.planner().recentWindowMillis()),
                Stat.text("prefetch_min_precision", () -> settings.planner().minPrecision()),
                Stat.gauge("prefetch_contexts_backed_off", "augur.prefetch.contexts.backed.off",
                        "reading contexts and sources whose prefetches stopped paying (precision under prefetch-min-precision)",
                        () -> p.planner().backoff().backedOffContexts()),
                Stat.counter("prefetch_backoff_skipped", "augur.prefetch.backoff.skipped",
                        "predicted keys skipped because their context and source were backed off", () -> p.planner().backoff().backedOffPlans()),
                Stat.counter("prefetch_backoff_probes", null, "keys let through as probes while their context and source were backed off",
                        () -> p.planner().backoff().probes()),
                Stat.counter("prefetch_skipped_low_confidence", null,
                        "predictions below prefetch-min-confidence", () -> p.planner().skippedLowConfidence()),
                Stat.counter("prefetch_skipped_cached", null, "predictions of keys already cached",
                        () -> p.planner().skippedCached()),
                Stat.counter("prefetch_skipped_in_flight", null, "predictions of keys already being prefetched",
                        () -> p.planner().skippedInFlight()),
                Stat.counter("prefetch_skipped_recent", null,
                        "predictions of keys prefetched within prefetch-dedup-window", () -> p.planner().skippedRecent()),
                Stat.counter("prefetch_skipped_superseded", null,
                        "reads not predicted after, because their context read again later in the same batch",
                        s::superseded),
                Stat.counter("prefetch_repeated", "augur.prefetch.repeated",
                        "prefetches issued on the request path at a read: the surest keys predicted after that key last time",
                        s::repeated),
                Stat.counter("prefetch_batches", null, "batches of reads the predictor thread handled", s::batches),
                Stat.counter("prefetch_batch_reads", null, "reads in those batches", s::batchReads),
                Stat.gauge("prefetch_batch_per_read", "augur.prefetch.batch.per.read",
                        "the size of the batch the average read was handled in (augur replay --predictor-batch)",
                        s::batchPerRead, "%.1f"),
                Stat.counter("prefetch_skipped_budget", null,
                        "predictions over prefetch-max-inflight or prefetch-max-rate", () -> p.planner().skippedBudget()),
                Stat.counter("predictor_errors", null, "predictor failures", s::predictorErrors),
                Stat.counter("warmed_keys", null, "keys loaded by warming", s::warmedKeys),
                Stat.counter("idle_warm_rounds", null, "idle warming rounds that loaded something", s::idleWarmRounds),
                Stat.counter("accesslog_offered", "augur.accesslog.events", "accesses offered to the log",
                        () -> p.accessLog().offered()),
                Stat.counter("accesslog_dropped", "augur.accesslog.dropped", "accesses dropped, log full",
                        () -> p.accessLog().dropped()),
                Stat.counter("accesslog_shed", "augur.accesslog.shed",
                        "accesses skipped because the predictor thread, behind, shed their whole context",
                        p::shedEvents),
                Stat.gauge("accesslog_shed_share", "augur.accesslog.shed.share",
                        "share of reading contexts shed while the predictor thread is behind", p::shedShare, "%.4f"),
                Stat.counter("shadow_skipped_batches", "augur.shadow.skipped.batches",
                        "batches the predictor thread handled without scoring the shadows: it was late or overloaded",
                        p::shadowSkippedBatches),
                Stat.counter("accesslog_handled", null, "accesses the predictor thread has finished with",
                        s::handled),
                Stat.text("read_through", () -> originAccess.readThrough() ? 1 : 0),
                Stat.text("origin", origin::describe),
                Stat.counter("origin_requests", "augur.origin.requests", "origin calls asked for", () -> origin.stats().requests()),
                Stat.counter("origin_hits", null, "origin calls that found a value", () -> origin.stats().hits()),
                Stat.counter("origin_absent", null, "origin calls for a key it does not have", () -> origin.stats().absent()),
                Stat.counter("origin_errors", "augur.origin.errors", "origin calls that failed", () -> origin.stats().errors()),
                Stat.counter("origin_timeouts", "augur.origin.timeouts", "origin calls that timed out", () -> origin.stats().timeouts()),
                Stat.counter("origin_rejected_busy", null, "origin calls refused at the concurrency limit",
                        () -> origin.stats().rejectedBusy()),
                Stat.counter("origin_rejected_open", null, "origin calls refused by the open breaker", () -> origin.stats().rejectedOpen()),
                Stat.counter(null, "augur.origin.rejected", "origin calls refused (concurrency limit or open breaker)",
                        () -> origin.stats().rejectedBusy() + origin.stats().rejectedOpen()),
                Stat.gauge("origin_inflight", "augur.origin.inflight", "origin calls outstanding", () -> origin.stats().inFlight()),
                Stat.counter("origin_coalesced", null, "origin calls joined to one already in flight", () -> origin.stats().coalesced()),
                Stat.text("origin_breaker", () -> origin.stats().breakerState()),
                Stat.gauge(null, "augur.origin.breaker.open", "circuit breaker: 0 closed, 0.5 half open, 1 open",
                        () -> breakerLevel(origin.stats().breakerState()), "%.1f"),
                Stat.gauge("origin_latency_avg_ms", null, "mean origin call latency, milliseconds",
                        () -> meanLatencyMillis(origin.stats()), "%.3f"));
    }

    private static double meanLatencyMillis(OriginStats o) {
        return o.latencyCount() == 0 ? 0.0 : o.latencySumMicros() / 1000.0 / o.latencyCount();
    }

    private static double breakerLevel(String state) {
        return switch (state) {
            case "open" -> 1;
            case "half_open" -> 0.5;
            default -> 0;
        };
    }

    @Override
    public String name() {
        return "prefetch";
    }

    @Override
    public String title() {
        return "Prefetch";
    }

    @Override
    public void write(StringBuilder out) {
        StatSection.write(out, stats);
    }
}
