package io.augur.server.cli;

import io.augur.server.testing.Await;
import io.augur.server.testing.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** `augur load --mode cache-aside` against a real Augur server: the hits a cache-aside client counts. */
class LoadCacheAsideTest {

    @TempDir
    static Path dir;
    static RunningServer server;

    /*
     * Three clients, each reading its own keys twice: the first read of a key misses (and the client
     * SETs it), the second hits. 6 reads, 3 distinct keys: hit ratio 0.5 exactly, in any order the
     * clients interleave, since no key is shared between clients.
     */
    private static final String TRACE = """
            # client key
            1 user:1:profile
            2 user:2:profile
            1 user:1:profile
            3 product:7
            2 user:2:profile
            3 product:7
            """;

    @BeforeAll
    static void start() throws Exception {
        server = RunningServer.start(dir.resolve("data"), "prefetch-enabled", "no");
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static AugurCommandAccess.Result load(String prefix, String... connection) throws Exception {
        Path trace = dir.resolve(prefix + "trace");
        Files.writeString(trace, TRACE);
        String[] args = {"load", "--mode", "cache-aside", "--port", Integer.toString(server.port()),
                "--trace", trace.toString(), "--key-prefix", prefix, "--value-size", "7"};
        String[] all = new String[args.length + connection.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(connection, 0, all, args.length, connection.length);
        return AugurCommandAccess.execute(all);
    }

    @Test
    void cacheAside_perClient_secondReadOfAKeyHits() throws Exception {
        AugurCommandAccess.Result r = load("per-client:", "--per-client");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("pooling:per-client\n", "connections:3\n", "clients:3\n", "reads:6\n",
                "hits:3\n", "misses:3\n", "hit_ratio:0.5000\n", "errors:0\n");
        assertThat(server.lettuce().get("per-client:product:7")).isEqualTo("vvvvvvv");
    }

    @Test
    void cacheAside_pooled_secondReadOfAKeyHits() throws Exception {
        AugurCommandAccess.Result r = load("pooled:", "--pooled", "--connections", "2", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().trim().lines()).hasSize(1);
        assertThat(r.out()).contains("\"pooling\":\"pooled\"", "\"connections\":2", "\"reads\":6", "\"hits\":3",
                "\"misses\":3", "\"hit_ratio\":0.5000", "\"errors\":0", "\"prefetch_issued\":0");
        assertThat(server.lettuce().get("pooled:user:2:profile")).isEqualTo("vvvvvvv");
    }

    @Test
    void cacheAside_pooledWithContextHint_namesTheUser_inTheSameWriteAsEachGetAndEachSetAfterAMiss() throws Exception {
        long before = contextCalls();
        AugurCommandAccess.Result r = load("hinted:", "--pooled", "--connections", "2", "--context-hint");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("reads:6\n", "hits:3\n", "errors:0\n");
        // 6 GETs and the 3 SETs after their misses: on a pool the connection's last hint may be another
        // user's by the time the SET goes out.
        assertThat(contextCalls() - before).isEqualTo(9);
    }

    /** AUGUR.CONTEXT calls so far, from INFO commandstats (absent until the first call). */
    private static long contextCalls() {
        return server.lettuce().info("commandstats").lines()
                .filter(line -> line.startsWith("cmdstat_augur.context:calls="))
                .mapToLong(line -> Long.parseLong(line.replaceAll("^cmdstat_augur.context:calls=(\\d+),.*", "$1").trim()))
                .findFirst().orElse(0);
    }

    @Test
    void cacheAside_oneSharedConnection_keepsEachClientsReadsInOrder() throws Exception {
        // One connection, all clients pipelined on it: a client's second read is only sent after its
        // first read's SET, so it still hits.
        AugurCommandAccess.Result r = load("shared:", "--connections", "1");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("connections:1\n", "hits:3\n", "hit_ratio:0.5000\n");
    }

    @Test
    void aServerThatDiesMidLoad_endsTheLoad_withTheReadsItNeverAnsweredCountedAsErrors(@TempDir Path own) throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 400_000; i++) { // far more than the load gets through before the server goes
            lines.append(i % 64).append(" key:").append(i % 50_000).append('\n');
        }
        Path trace = own.resolve("long.trace");
        Files.writeString(trace, lines);
        RunningServer dying = RunningServer.start(own.resolve("data"), "prefetch-enabled", "no");
        CompletableFuture<AugurCommandAccess.Result> run = CompletableFuture.supplyAsync(() -> AugurCommandAccess.execute(
                "load", "--mode", "cache-aside", "--port", Integer.toString(dying.port()), "--trace", trace.toString(),
                "--per-client", "--value-size", "7"));
        Await.until("the load under way", () -> dying.lettuce().dbsize(), keys -> keys > 1000);
        dying.close();
        // Before: Lettuce reconnected and held every command meanwhile, and the load never ended.
        AugurCommandAccess.Result r = run.get(Await.DEADLINE.toSeconds(), TimeUnit.SECONDS);
        assertThat(r.code()).isEqualTo(1);
        long errors = Long.parseLong(r.out().replaceAll("(?s).*\\nerrors:(\\d+)\\n.*", "$1"));
        assertThat(errors).isPositive();
        assertThat(r.out()).contains("reads:400000\n");
        assertThat(r.err()).contains("no INFO from the server");
    }

    @Test
    void help_printsUsage_andHostHasNoShortName() {
        AugurCommandAccess.Result r = AugurCommandAccess.execute("load", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--mode", "cache-aside", "--per-client", "--pooled", "--value-size", "--host");
        assertThat(AugurCommandAccess.execute("load", "-h").out()).contains("Usage: augur load");
    }

    @Test
    void unknownMode_isOneLine_andExitTwo() {
        AugurCommandAccess.Result r = AugurCommandAccess.execute("load", "--mode", "write-behind", "--trace", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--mode: write-behind (expected: read-through or cache-aside)");
    }
}
