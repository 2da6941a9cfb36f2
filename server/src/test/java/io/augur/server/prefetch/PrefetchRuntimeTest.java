package io.augur.server.prefetch;

import io.augur.server.config.ServerConfig;
import io.augur.server.origin.GuardedOrigin;
import io.augur.server.origin.OriginSettings;
import io.augur.server.origin.Origins;
import io.augur.server.store.ChronicleStore;
import io.augur.server.store.EvictionPolicy;
import io.augur.server.store.StoreConfig;
import io.augur.server.store.StoredValue;
import io.augur.server.testing.Await;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The prefetch runtime on its own, without Netty: a real successor predictor, the real Chronicle
 * store and the simulated origin, driven through the recorder exactly as the command path drives it.
 */
class PrefetchRuntimeTest {

    private static final long CONNECTION = 1;

    @TempDir
    Path dir;

    private ServerConfig config;
    private ChronicleStore store;
    private GuardedOrigin origin;
    /** Stands in for the command loop: every store access of the test and of the runtime runs here. */
    private ExecutorService commandThread;
    private PrefetchRuntime runtime;

    @BeforeEach
    void start() {
        config = new ServerConfig();
        config.set("dir", dir.toString());
        config.set("predictor", "successor");
        config.set("prefetch-min-confidence", "0.3");
        config.set("prefetch-dedup-window", "0");
        config.set("predictor-cpu", "1");
        store = ChronicleStore.open(StoreConfig.builder().dir(dir).entries(10_000).maxValueBytes(1 << 20)
                .maxMemoryBytes(0).policy(EvictionPolicy.parse("noeviction")).evictionSamples(5).build());
        origin = Origins.openGuarded("sim://?latency=1ms", OriginSettings.builder().build());
        commandThread = Executors.newSingleThreadExecutor();
        runtime = new PrefetchRuntime(config, store, origin, commandThread, System::currentTimeMillis, () -> 0,
                new PredictorCatalog(config)::create);
        runtime.start();
    }

    @AfterEach
    void stop() throws Exception {
        runtime.close();
        commandThread.shutdown();
        commandThread.awaitTermination(10, TimeUnit.SECONDS);
        origin.close();
        store.close();
    }

    /** What GET does: read the store, count prefetch used, tell the recorder; a miss is loaded by the "client". */
    private boolean read(String key) throws Exception {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        return commandThread.submit(() -> {
            StoredValue v = store.get(k);
            if (v != null && v.prefetched()) {
                runtime.recorder().prefetchUsed(k);
            }
            runtime.recorder().read(k, v != null, CONNECTION);
            if (v == null) {
                store.put(k, ("value-of:" + key).getBytes(StandardCharsets.UTF_8), 0, false);
            }
            return v != null;
        }).get();
    }

    /** Every offered access handled and no prefetch still out. */
    private void settle() {
        Await.until("the predictor thread to catch up", () -> runtime.stats().handled() + runtime.accessLog().dropped()
                >= runtime.accessLog().offered() && runtime.inFlight() == 0, done -> done);
    }

    @Test
    void repeatingSequence_isPrefetchedBeforeItIsRead_andCountedOnce() throws Exception {
        int length = 30;
        int lastRoundHits = 0;
        for (int round = 0; round < 5; round++) {
            commandThread.submit(store::clear).get();
            settle();
            for (int i = 0; i < length; i++) {
                boolean hit = read("item:" + (i * 7919 % 1000));
                if (round == 4 && hit) {
                    lastRoundHits++;
                }
                settle();
            }
        }
        assertThat(lastRoundHits).as("keys prefetched before the read in the last round").isGreaterThan(length / 2);
        PrefetchStats stats = runtime.stats();
        assertThat(stats.issued()).isPositive();
        assertThat(stats.used()).isGreaterThanOrEqualTo(lastRoundHits);
        assertThat(stats.stored() + stats.alreadyCached() + stats.absent() + stats.failed()).isEqualTo(stats.issued());
        assertThat(runtime.activePredictor()).isEqualTo("successor");
    }

    @Test
    void warmer_loadsTheMostReadKeysThatAreNotCached_throughTheSameLoader() throws Exception {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 20; i++) {
                read("hot:" + i);
            }
        }
        settle();
        commandThread.submit(store::clear).get();
        var result = runtime.warmer().warm(100).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(result.candidates()).isEqualTo(20);
        assertThat(result.loaded()).isEqualTo(20);
        assertThat(commandThread.submit(store::size).get()).isEqualTo(20L);
        assertThat(runtime.stats().warmedKeys()).isEqualTo(20);
    }

    @Test
    void configSetPredictor_onARunningRuntime_theNewPredictorServes() {
        assertThat(runtime.requestedPredictor()).isEqualTo("successor");
        config.set("predictor", "delta");
        Await.until("delta to serve", runtime::activePredictor, "delta"::equals);
        assertThat(config.setting("predictor").value()).isEqualTo("delta");
    }
}
