package io.augur.predictor.eval;

import com.google.gson.JsonObject;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** Prints replay rows as an aligned table or as JSON lines (one object per row). */
public final class ReplayReport {

    private static final String HEADER = String.format(Locale.ROOT,
            "%-16s %9s %7s %9s %9s %9s %8s %9s %9s %10s",
            "predictor", "hit ratio", "×none", "issued", "used", "wasted", "late", "precision", "coverage",
            "origin/read");

    private ReplayReport() {
    }

    /** One block: a title line with the trace, cache size and lookahead, then a row per predictor. */
    public static void table(PrintWriter out, String trace, int distinctKeys, List<ReplayResult> rows) {
        ReplayResult none = none(rows);
        ReplayResult first = rows.get(0);
        int lookahead = rows.stream().mapToInt(ReplayResult::lookahead).max().orElse(0);
        out.printf(Locale.ROOT, "%s: %,d reads, %,d distinct keys, cache %,d keys (%.1f%%), D = %d%n", trace,
                first.reads(), distinctKeys, first.cacheKeys(), 100.0 * first.cacheKeys() / distinctKeys, lookahead);
        out.println(HEADER);
        for (ReplayResult r : rows) {
            boolean prefetching = !r.predictor().equals("none") && !r.predictor().equals("belady");
            out.printf(Locale.ROOT, "%-16s %9.4f %7.3f %9s %9s %9s %8s %9s %9s %10.3f%n",
                    r.predictor(), r.hitRatio(), r.hitRatio() / none.hitRatio(),
                    prefetching ? Long.toString(r.issued()) : "-", prefetching ? Long.toString(r.used()) : "-",
                    prefetching ? Long.toString(r.wasted()) : "-", prefetching ? Long.toString(r.late()) : "-",
                    prefetching && r.issued() > 0 ? String.format(Locale.ROOT, "%.3f", r.precision()) : "-",
                    String.format(Locale.ROOT, "%.3f", r.coverage(none)), r.originPerRead());
        }
        out.println();
    }

    /** One JSON object per row, one per line. */
    public static void json(PrintWriter out, String trace, List<ReplayResult> rows) {
        ReplayResult none = none(rows);
        for (ReplayResult r : rows) {
            JsonObject o = new JsonObject();
            o.addProperty("trace", trace);
            o.addProperty("predictor", r.predictor());
            o.addProperty("cache_keys", r.cacheKeys());
            o.addProperty("lookahead", r.lookahead());
            o.addProperty("reads", r.reads());
            o.addProperty("hits", r.hits());
            o.addProperty("hit_ratio", round(r.hitRatio()));
            o.addProperty("vs_none", round(r.hitRatio() / none.hitRatio()));
            o.addProperty("issued", r.issued());
            o.addProperty("used", r.used());
            o.addProperty("wasted", r.wasted());
            o.addProperty("late", r.late());
            o.addProperty("precision", r.issued() == 0 ? 0 : round(r.precision()));
            o.addProperty("coverage", round(r.coverage(none)));
            o.addProperty("origin_per_read", round(r.originPerRead()));
            out.println(o);
        }
    }

    private static ReplayResult none(List<ReplayResult> rows) {
        return rows.stream().filter(r -> r.predictor().equals("none")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("rows without the 'none' reference row"));
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
