package io.augur.server.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** `augur` on the command line: help, version, and one clear line for a bad option. */
class CommandLineTest {

    @TempDir
    Path dir;

    private record Result(int code, String out, String err) {
    }

    private static Result run(String... args) {
        AugurCommandAccess.Result r = AugurCommandAccess.execute(args);
        return new Result(r.code(), r.out(), r.err());
    }

    @Test
    void help_listsServe() {
        Result r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("serve");
    }

    @Test
    void version_printsAugurVersion() {
        Result r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("augur ");
    }

    @Test
    void serveHelp_listsRedisStyleOptions() {
        Result r = run("serve", "--help");
        assertThat(r.out()).contains("--port", "--bind", "--dir", "--maxmemory", "--maxmemory-policy",
                "--requirepass", "--maxclients", "--timeout", "--config");
    }

    @Test
    void yesNoOption_givenAlone_meansYes() {
        Result r = run("serve", "--read-through", "--port", "99999", "--dir", dir.toString());
        // The flag parsed (no "unknown option"/"missing value"); the bad port then stops start-up.
        assertThat(r.err()).contains("--port").doesNotContain("read-through");
    }

    @Test
    void unknownOption_isOneLine_andNonZeroExit() {
        Result r = run("serve", "--no-such-option", "1");
        assertThat(r.code()).isNotZero();
        assertThat(r.err().trim().lines()).hasSize(1);
        assertThat(r.err()).contains("--no-such-option");
    }

    @Test
    void badValue_isOneLine_andNonZeroExit() {
        Result r = run("serve", "--port", "99999", "--dir", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().trim().lines()).hasSize(1);
        assertThat(r.err()).contains("--port").contains("99999");
        Result policy = run("serve", "--maxmemory-policy", "lru-please", "--dir", dir.toString());
        assertThat(policy.code()).isEqualTo(1);
        assertThat(policy.err()).contains("maxmemory-policy");
    }

    @Test
    void configFile_unknownSetting_isOneLineWithLineNumber() throws Exception {
        Path file = dir.resolve("augur.conf");
        Files.writeString(file, "# comment\nport 7000\nbogus-setting yes\n");
        Result r = run("serve", "--config", file.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("line 3").contains("bogus-setting");
    }

    @Test
    void portInUse_isOneLineStartupError() throws Exception {
        try (var socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            Result r = run("serve", "--port", Integer.toString(socket.getLocalPort()), "--dir", dir.toString());
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err().trim().lines()).hasSize(1);
            assertThat(r.err()).contains("cannot start");
        }
    }

    @Test
    void dataDirThatIsAFile_isOneLineStartupError() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        Result r = run("serve", "--port", "0", "--metrics-port", "0", "--dir", file.resolve("data").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().trim().lines()).hasSize(1);
        assertThat(r.err()).contains("cannot start").contains("not-a-dir");
    }

    /** A 1 MB tmpfs (needs root to mount; skipped elsewhere): the store file cannot be allocated. */
    @Test
    void fullDisk_isOneLineStartupError_andLeavesNoHalfCreatedFile() throws Exception {
        Path mount = Files.createDirectories(dir.resolve("tiny"));
        Process m = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.toString())
                .redirectErrorStream(true).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(m.waitFor() == 0, "cannot mount a tmpfs here (not root?)");
        try {
            Result r = run("serve", "--port", "0", "--metrics-port", "0", "--dir", mount.resolve("data").toString());
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err().trim().lines()).hasSize(1);
            assertThat(r.err()).contains("cannot start").contains("not enough disk space");
            assertThat(mount.resolve("data").resolve("augur.dat")).doesNotExist();
        } finally {
            new ProcessBuilder("umount", mount.toString()).start().waitFor();
        }
    }
}
