package io.augur.server.prefetch;

import io.augur.predictor.eval.KeyTable;
import io.augur.predictor.eval.Trace;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The freshness benchmark's engine on a small Zipf-like trace: the sim origin's truth decides which
 * hits were stale, and adaptive TTLs beat a fixed TTL of about the same origin load.
 */
class FreshnessReplayTest {

    private static Trace zipfTrace(int reads, int keys) {
        Random random = new Random(11);
        KeyTable table = new KeyTable();
        int[] ids = new int[reads];
        for (int i = 0; i < reads; i++) {
            // Skewed: key k with weight ~ 1/(k+1).
            int k = (int) Math.floor(Math.pow(keys + 1, random.nextDouble())) - 1;
            ids[i] = table.idOf(Integer.toString(k).getBytes(StandardCharsets.US_ASCII));
        }
        return new Trace("zipf", ids, new int[reads], table, table.size());
    }

    @Test
    void adaptiveTtl_servesFarFewerStaleReads_thanAFixedTtlOfNoLessOriginLoad() throws Exception {
        FreshnessReplay replay = new FreshnessReplay(zipfTrace(20_000, 2_000), List.of("price:", "static:"),
                "price:*=2s,static:*=never", 5, 100, 3_600_000, 1000);
        FreshnessReplay.Result fixed = replay.run(new FreshnessReplay.Setup("fixed 2s", 2, false, 0, false));
        FreshnessReplay.Result adaptive = replay.run(new FreshnessReplay.Setup("adaptive", 1, true, 0.2, false));
        System.out.printf("fixed 2s: origin/read %.4f stale %.5f; adaptive 0.2: origin/read %.4f stale %.5f%n",
                fixed.originReadsPerRead(), fixed.staleShare(), adaptive.originReadsPerRead(), adaptive.staleShare());

        assertThat(fixed.staleReads()).isPositive();
        assertThat(adaptive.originReadsPerRead()).isLessThanOrEqualTo(fixed.originReadsPerRead());
        assertThat(adaptive.staleShare()).isLessThan(fixed.staleShare() / 2);
    }

    @Test
    void neverChangingOrigin_noStaleReads_andRefreshAheadKeepsHotKeysHit() throws Exception {
        FreshnessReplay replay = new FreshnessReplay(zipfTrace(20_000, 500), List.of("static:"),
                "static:*=never", 5, 100, 3_600_000, 1000);
        FreshnessReplay.Result refreshed = replay.run(new FreshnessReplay.Setup("refresh", 1, true, 0.1, true));

        assertThat(refreshed.staleReads()).isZero();
        assertThat(refreshed.hotMissesAfterWarmUp()).isZero();
    }
}
