package io.augur.predictor.eval;

import com.google.gson.JsonObject;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Prints replay rows as an aligned table or as JSON lines (one object per row). Each row is set
 * beside the no-prefetch row of its own policy (×none, coverage) and the W-TinyLFU no-prefetch row.
 */
public final class ReplayReport {

    private static final String HEADER = String.format(Locale.ROOT,
            "%-9s %-16s %9s %7s %8s %9s %9s %9s %9s %8s %9s %9s %10s",
            "eviction", "predictor", "hit ratio", "×none", "×tinylfu", "issued", "used", "wasted", "evicted", "late",
            "precision", "coverage", "origin/read");

    private ReplayReport() {
    }

    /** One block: a title line with the trace, cache size and lookahead, then a row per policy and predictor. */
    public static void table(PrintWriter out, String trace, int distinctKeys, List<ReplayResult> rows) {
        ReplayResult baseline = baseline(rows);
        ReplayResult first = rows.get(0);
        int lookahead = rows.stream().mapToInt(ReplayResult::lookahead).max().orElse(0);
        out.printf(Locale.ROOT, "%s: %,d reads, %,d distinct keys, cache %,d keys (%.1f%%), D = %d%n", trace,
                first.reads(), distinctKeys, first.cacheKeys(), 100.0 * first.cacheKeys() / distinctKeys, lookahead);
        out.println(HEADER);
        for (ReplayResult r : rows) {
            ReplayResult none = none(rows, r);
            boolean prefetching = r.prefetching();
            out.printf(Locale.ROOT, "%-9s %-16s %9.4f %7.3f %8.3f %9s %9s %9s %9s %8s %9s %9s %10.3f%n",
                    r.eviction(), r.predictor(), r.hitRatio(), r.hitRatio() / none.hitRatio(),
                    r.hitRatio() / baseline.hitRatio(),
                    prefetching ? Long.toString(r.issued()) : "-", prefetching ? Long.toString(r.used()) : "-",
                    prefetching ? Long.toString(r.wasted()) : "-", prefetching ? Long.toString(r.evictedUnread()) : "-",
                    prefetching ? Long.toString(r.late()) : "-",
                    prefetching && r.issued() > 0 ? String.format(Locale.ROOT, "%.3f", r.precision()) : "-",
                    String.format(Locale.ROOT, "%.3f", r.coverage(none)), r.originPerRead());
        }
        out.println();
    }

    /** One JSON object per row, one per line. */
    public static void json(PrintWriter out, String trace, List<ReplayResult> rows) {
        ReplayResult baseline = baseline(rows);
        for (ReplayResult r : rows) {
            ReplayResult none = none(rows, r);
            JsonObject o = new JsonObject();
            o.addProperty("trace", trace);
            o.addProperty("predictor", r.predictor());
            o.addProperty("eviction", r.eviction());
            o.addProperty("cache_keys", r.cacheKeys());
            o.addProperty("lookahead", r.lookahead());
            o.addProperty("reads", r.reads());
            o.addProperty("hits", r.hits());
            o.addProperty("hit_ratio", round(r.hitRatio()));
            o.addProperty("vs_none", round(r.hitRatio() / none.hitRatio()));
            o.addProperty("vs_tinylfu", round(r.hitRatio() / baseline.hitRatio()));
            o.addProperty("issued", r.issued());
            o.addProperty("used", r.used());
            o.addProperty("wasted", r.wasted());
            o.addProperty("evicted_unread", r.evictedUnread());
            o.addProperty("late", r.late());
            o.addProperty("precision", r.issued() == 0 ? 0 : round(r.precision()));
            o.addProperty("coverage", round(r.coverage(none)));
            o.addProperty("origin_per_read", round(r.originPerRead()));
            if (r.prefetching()) {
                o.add("issued_by_source", counts(r.issuedBySource()));
                o.add("used_by_source", counts(r.usedBySource()));
            }
            out.println(o);
        }
    }

    private static JsonObject counts(java.util.Map<String, Long> bySource) {
        JsonObject o = new JsonObject();
        bySource.forEach(o::addProperty);
        return o;
    }

    /** The no-prefetch row of r's policy; for Bélády (no policy of its own), the block's first. */
    private static ReplayResult none(List<ReplayResult> rows, ReplayResult r) {
        ReplayResult first = null;
        for (ReplayResult candidate : rows) {
            if (candidate.predictor().equals("none")) {
                if (candidate.eviction().equals(r.eviction())) {
                    return candidate;
                }
                first = first == null ? candidate : first;
            }
        }
        if (first == null) {
            throw new IllegalArgumentException("rows without a 'none' reference row");
        }
        return first;
    }

    private static ReplayResult baseline(List<ReplayResult> rows) {
        String name = ReplayEvaluation.BASELINE.label();
        return rows.stream().filter(r -> r.predictor().equals("none") && r.eviction().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("rows without the '" + name + "' no-prefetch row"));
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
