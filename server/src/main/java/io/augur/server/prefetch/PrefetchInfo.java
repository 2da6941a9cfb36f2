package io.augur.server.prefetch;

import io.augur.server.config.PrefetchSettings;
import io.augur.server.info.InfoSection;
import io.augur.server.origin.GuardedOrigin;
import io.augur.server.origin.OriginStats;

import java.util.Locale;

/** INFO's `# Prefetch` section: the prediction → prefetch → use pipeline and the origin behind it. */
public final class PrefetchInfo implements InfoSection {

    private final PrefetchSettings settings;
    private final PrefetchRuntime service;
    private final GuardedOrigin origin;

    public PrefetchInfo(PrefetchSettings settings, PrefetchRuntime service, GuardedOrigin origin) {
        this.settings = settings;
        this.service = service;
        this.origin = origin;
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
        PrefetchStats s = service.stats();
        long used = s.used();
        long issued = s.issued();
        InfoSection.line(out, "prefetch_enabled", settings.prefetchEnabled() ? 1 : 0);
        InfoSection.line(out, "predictor", service.activePredictor());
        InfoSection.line(out, "predictor_requested", service.requestedPredictor());
        InfoSection.line(out, "model_version", service.predictor() instanceof io.augur.predictor.model.lstm.LstmPredictor lstm
                ? lstm.modelVersion() : 0);
        InfoSection.line(out, "predictions", s.predictions());
        InfoSection.line(out, "prefetch_issued", issued);
        InfoSection.line(out, "prefetch_stored", s.stored());
        InfoSection.line(out, "prefetch_used", used);
        InfoSection.line(out, "prefetch_wasted", s.wasted());
        InfoSection.line(out, "prefetch_late", s.late());
        InfoSection.line(out, "prefetch_absent", s.absent());
        InfoSection.line(out, "prefetch_failed", s.failed());
        InfoSection.line(out, "prefetch_already_cached", s.alreadyCached());
        InfoSection.line(out, "prefetch_precision", String.format(Locale.ROOT, "%.4f", issued == 0 ? 0.0 : (double) used / issued));
        InfoSection.line(out, "prefetch_inflight", service.inFlight());
        InfoSection.line(out, "prefetch_reach_ahead", service.planner().reachingAhead() ? 1 : 0);
        InfoSection.line(out, "origin_latency_reads", String.format(Locale.ROOT, "%.1f", service.planner().latencyReads()));
        InfoSection.line(out, "predictor_errors", s.predictorErrors());
        InfoSection.line(out, "warmed_keys", s.warmedKeys());
        InfoSection.line(out, "idle_warm_rounds", s.idleWarmRounds());
        InfoSection.line(out, "accesslog_offered", service.accessLog().offered());
        InfoSection.line(out, "accesslog_dropped", service.accessLog().dropped());
        InfoSection.line(out, "read_through", settings.readThrough() ? 1 : 0);
        InfoSection.line(out, "origin", origin.describe());
        OriginStats o = origin.stats();
        InfoSection.line(out, "origin_requests", o.requests());
        InfoSection.line(out, "origin_hits", o.hits());
        InfoSection.line(out, "origin_absent", o.absent());
        InfoSection.line(out, "origin_errors", o.errors());
        InfoSection.line(out, "origin_timeouts", o.timeouts());
        InfoSection.line(out, "origin_rejected_busy", o.rejectedBusy());
        InfoSection.line(out, "origin_rejected_open", o.rejectedOpen());
        InfoSection.line(out, "origin_inflight", o.inFlight());
        InfoSection.line(out, "origin_coalesced", o.coalesced());
        InfoSection.line(out, "origin_breaker", o.breakerState());
        InfoSection.line(out, "origin_latency_avg_ms", String.format(Locale.ROOT, "%.3f",
                o.latencyCount() == 0 ? 0.0 : o.latencySumMicros() / 1000.0 / o.latencyCount()));
    }
}
