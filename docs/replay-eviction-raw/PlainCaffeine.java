import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.augur.predictor.eval.ReplaySimulation;
import io.augur.predictor.eval.Trace;
import io.augur.predictor.eval.TraceReader;
import io.augur.predictor.eval.cache.Eviction;
import java.nio.file.Path;
import java.util.Locale;

public class PlainCaffeine {
    public static void main(String[] args) throws Exception {
        for (String file : args) {
            Trace t = TraceReader.read(Path.of(file));
            for (double p : new double[] {1, 5, 10}) {
                int size = Math.max(1, (int) Math.round(t.distinct() * p / 100.0));
                StringBuilder plain = new StringBuilder(), replay = new StringBuilder();
                for (int run = 0; run < 3; run++) {
                    // As Caffeine's own simulator (CaffeinePolicy): key strings, maintenance on the caller.
                    Cache<String, Boolean> c = Caffeine.newBuilder().maximumSize(size).executor(Runnable::run).build();
                    long hits = 0;
                    for (int id : t.keys()) {
                        String k = new String(t.table().key(id), java.nio.charset.StandardCharsets.UTF_8);
                        if (c.getIfPresent(k) != null) hits++; else c.put(k, Boolean.TRUE);
                    }
                    plain.append(String.format(Locale.ROOT, " %.4f", (double) hits / t.reads()));
                    replay.append(String.format(Locale.ROOT, " %.4f",
                            ReplaySimulation.withoutPrefetch(t, size, Eviction.TINYLFU).hitRatio()));
                }
                System.out.printf(Locale.ROOT, "%s %4.0f%% (%d keys): plain Caffeine%s | replay tinylfu/none%s%n",
                        t.name(), p, size, plain, replay);
            }
        }
    }
}
