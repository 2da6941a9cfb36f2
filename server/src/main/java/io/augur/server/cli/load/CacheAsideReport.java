package io.augur.server.cli.load;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;

/** Prints a cache-aside run: `name:value` lines, or one JSON line. */
public final class CacheAsideReport {

    private CacheAsideReport() {
    }

    public static void print(PrintWriter out, CacheAsideReplay.Pooling pooling, CacheAsideReplay.Result r,
                             Map<String, String> server, boolean json) {
        String pool = pooling == CacheAsideReplay.Pooling.PER_CLIENT ? "per-client" : "pooled";
        if (json) {
            StringBuilder line = new StringBuilder();
            line.append(String.format(Locale.ROOT,
                    "{\"mode\":\"cache-aside\",\"pooling\":\"%s\",\"connections\":%d,\"clients\":%d,\"reads\":%d,"
                            + "\"hits\":%d,\"misses\":%d,\"hit_ratio\":%.4f,\"errors\":%d,\"elapsed_s\":%.3f,\"reads_per_s\":%.1f",
                    pool, r.connections(), r.clients(), r.reads(), r.hits(), r.misses(), r.hitRatio(), r.errors(),
                    r.seconds(), r.reads() / r.seconds()));
            // INFO values are integers for these fields; anything else is quoted rather than trusted.
            if (r.errors() > 0) {
                line.append(",\"first_error\":\"").append(r.firstError().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            server.forEach((k, v) -> line.append(",\"").append(k).append("\":")
                    .append(v.matches("-?\\d+") ? v : "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\""));
            out.println(line.append('}'));
        } else {
            out.printf(Locale.ROOT, "mode:cache-aside%n");
            out.printf(Locale.ROOT, "pooling:%s%n", pool);
            out.printf(Locale.ROOT, "connections:%d%n", r.connections());
            out.printf(Locale.ROOT, "clients:%d%n", r.clients());
            out.printf(Locale.ROOT, "reads:%d%n", r.reads());
            out.printf(Locale.ROOT, "hits:%d%n", r.hits());
            out.printf(Locale.ROOT, "misses:%d%n", r.misses());
            out.printf(Locale.ROOT, "hit_ratio:%.4f%n", r.hitRatio());
            out.printf(Locale.ROOT, "errors:%d%n", r.errors());
            if (r.errors() > 0) {
                out.printf(Locale.ROOT, "first_error:%s%n", r.firstError());
            }
            out.printf(Locale.ROOT, "elapsed_s:%.3f%n", r.seconds());
            out.printf(Locale.ROOT, "reads_per_s:%.1f%n", r.reads() / r.seconds());
            server.forEach((k, v) -> out.printf(Locale.ROOT, "%s:%s%n", k, v));
        }
        out.flush();
    }
}
