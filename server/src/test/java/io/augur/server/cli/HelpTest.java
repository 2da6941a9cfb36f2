package io.augur.server.cli;

import io.augur.predictor.eval.gen.Workloads;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** `augur <subcommand> --help` (and `-h`) for every subcommand: a clean usage, labels a user can read. */
class HelpTest {

    @ParameterizedTest
    @ValueSource(strings = {"serve", "replay", "load", "warm", "gen"})
    void help_everySubcommand_exitsZeroWithCleanUsage(String subcommand) {
        for (String flag : new String[]{"--help", "-h"}) {
            Seen seen = help(subcommand, flag);
            assertThat(seen.result.code()).as(subcommand + " " + flag + ": " + seen.all()).isZero();
            assertThat(seen.result.out()).contains("Usage: augur " + subcommand);
            // picocli's warnings (an unescaped % in a description) go to System.err, not the command's writer.
            assertThat(seen.all()).doesNotContain("WARN").doesNotContain("%%");
            // A label is a name a user reads (BYTES, URI, N), never `<javaField>` nor VALUE.
            assertThat(seen.result.out()).doesNotContainPattern("=<").doesNotContainPattern("<[a-z]+[A-Z]\\w*>")
                    .doesNotContain("=VALUE");
        }
    }

    @Test
    void serveHelp_showsSizesAsTyped_andNamesValues() {
        String out = help("serve", "--help").result.out().replaceAll("\\s+", " "); // as read, not as wrapped
        assertThat(out).contains("--max-value-size=BYTES").contains("(default: 16mb)")
                .contains("--origin=URI").contains("--timeout=SECONDS")
                .contains("(the newest 10% validate)")
                .doesNotContain("16777216");
    }

    @Test
    void replayHelp_showsPercentDefaultOnce() {
        assertThat(help("replay", "--help").result.out()).contains("(default: 5%)").contains("--top-k=N");
    }

    @Test
    void genHelp_listsEveryWorkload() {
        String out = help("gen", "--help").result.out();
        for (String workload : Workloads.NAMES) {
            assertThat(out).contains(workload);
        }
    }

    @Test
    void warm_hostHasNoShortForm_soDashHIsHelp() {
        Seen seen = help("warm", "-h");
        assertThat(seen.result.code()).isZero();
        assertThat(seen.result.out()).contains("--host=HOST").doesNotContain("-h, --host");
    }

    private record Seen(AugurCommandAccess.Result result, String systemErr) {
        String all() {
            return result.out() + result.err() + systemErr;
        }
    }

    private static Seen help(String subcommand, String flag) {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            AugurCommandAccess.Result result = AugurCommandAccess.execute(subcommand, flag);
            return new Seen(result, captured.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(original);
        }
    }
}
