package io.augur.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** `augur replay` end to end: a gzip trace in, the table, JSON rows and a PNG plot out. */
class ReplayCommandTest {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        AugurCommandAccess.Result r = AugurCommandAccess.execute(args);
        return new Result(r.code(), r.out(), r.err());
    }

    /** 40 page ids scanned in order, again and again: a sequence any prefetcher should learn. */
    private Path scanTrace(int rounds) throws IOException {
        Path file = dir.resolve("scan.trace.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("# synthetic scan\n".getBytes(StandardCharsets.US_ASCII));
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < 40; i++) {
                    out.write(("page:" + (i * 13 % 40) + "\n").getBytes(StandardCharsets.US_ASCII));
                }
            }
        }
        return file;
    }

    @Test
    void replay_printsOneRowPerPredictor_withTheReferenceRows() throws IOException {
        Result r = run("replay", "--trace", scanTrace(50).toString(), "--predictor", "successor,delta",
                "--cache-size", "25%", "--lookahead", "1", "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("scan: 2,000 reads, 40 distinct keys, cache 10 keys (25.0%), D = 1");
        // lru and tinylfu (the default), each without prefetch and with both predictors, then Bélády.
        assertThat(r.out().lines().filter(l -> l.matches("^(lru|tinylfu) +(none|successor|delta) .*"))).hasSize(6);
        assertThat(r.out().lines().filter(l -> l.matches("^belady +belady .*"))).hasSize(1);
        String successor = r.out().lines().filter(l -> l.matches("^lru +successor .*")).findFirst().orElseThrow();
        assertThat(Double.parseDouble(successor.trim().split("\\s+")[2])).isGreaterThan(0.9);
    }

    @Test
    void replay_json_writesObjectsAScriptCanRead() throws IOException {
        Result r = run("replay", "--trace", scanTrace(20).toString(), "--predictor", "successor", "--json",
                "--cache-size", "10,20", "--lookahead", "1,10", "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        // Per block: lru none, lru successor, tinylfu none, tinylfu successor, belady.
        assertThat(r.out().lines()).hasSize(2 * 2 * 5).allMatch(l -> l.startsWith("{\"trace\":\"scan\""));
        assertThat(r.out()).contains("\"predictor\":\"successor\"", "\"lookahead\":10", "\"cache_keys\":20");
    }

    @Test
    void replay_everyEviction_jsonRowsCarryThePolicy_andTheTinylfuBaseline() throws IOException {
        Result r = run("replay", "--trace", scanTrace(20).toString(), "--predictor", "none,successor", "--json",
                "--eviction", "lru,redis-lru,lfu,tinylfu", "--cache-size", "10", "--lookahead", "1", "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        for (String policy : new String[] {"lru", "redis-lru", "lfu", "tinylfu"}) {
            assertThat(r.out()).contains("\"predictor\":\"none\",\"eviction\":\"" + policy + "\"",
                    "\"predictor\":\"successor\",\"eviction\":\"" + policy + "\"");
        }
        assertThat(r.out().lines()).hasSize(4 * 2 + 1).allMatch(l -> l.contains("\"vs_tinylfu\""));
    }

    @Test
    void replay_evictionWithoutTinylfu_stillPrintsTheTinylfuBaselineRow() throws IOException {
        Result r = run("replay", "--trace", scanTrace(20).toString(), "--predictor", "successor",
                "--eviction", "redis-lru", "--cache-size", "10", "--lookahead", "1", "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("(?m)^redis-lru +successor ").containsPattern("(?m)^tinylfu +none ")
                .doesNotContainPattern("(?m)^lru ");
    }

    @Test
    void replay_unknownEviction_isOneClearError_andHelpListsThePolicies() throws IOException {
        Result r = run("replay", "--trace", scanTrace(1).toString(), "--eviction", "fifo", "--no-progress");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("--eviction: fifo (expected: lru, redis-lru, lfu, tinylfu)");
        Result help = run("replay", "--help");
        assertThat(help.out()).contains("--eviction", "redis-lru", "lfu", "tinylfu", "W-TinyLFU")
                .doesNotContain("WARN");
        assertThat(help.err()).doesNotContain("WARN");
    }

    @Test
    void replay_lstm_trainsAndPredictsOnTheRealEngine_andPlots() throws IOException {
        Path png = dir.resolve("plot.png");
        // A 10-key cache: in a 2-key one a single wrong second guess evicts the right first one,
        // and then the row measures how lucky the weight initialisation was (0.66 to 0.99 over seeds).
        Result r = run("replay", "--trace", scanTrace(100).toString(), "--predictor", "lstm",
                "--cache-size", "25%", "--lookahead", "1", "--plot", png.toString(), "--no-progress");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).containsPattern("(?m)^lru +lstm +0\\.9");
        assertThat(Files.size(png)).isGreaterThan(1000);
        byte[] magic = Files.readAllBytes(png);
        assertThat(new String(magic, 1, 3, StandardCharsets.US_ASCII)).isEqualTo("PNG");
    }

    @Test
    void replay_badCacheSize_isOneClearError() throws IOException {
        Result r = run("replay", "--trace", scanTrace(1).toString(), "--cache-size", "lots", "--no-progress");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("--cache-size: lots");
    }

    @Test
    void replay_missingTrace_isOneClearError() {
        Result r = run("replay", "--trace", dir.resolve("absent.gz").toString(), "--no-progress");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("cannot read trace");
    }
}
