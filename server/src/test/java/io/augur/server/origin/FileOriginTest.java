package io.augur.server.origin;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileOriginTest {

    @TempDir
    Path root;

    private Path dir;

    @BeforeEach
    void makeOriginDirectory() throws Exception {
        dir = Files.createDirectory(root.resolve("origin"));
    }

    @Test
    void fetch_fileExists_returnsItsBytes() throws Exception {
        Files.write(dir.resolve("user:1".replace(":", "%3A")), "alice".getBytes(UTF_8));
        try (Origin origin = open()) {
            assertThat(origin.fetch("user:1".getBytes(UTF_8)).get(1, TimeUnit.SECONDS)).isEqualTo("alice".getBytes(UTF_8));
        }
    }

    @Test
    void fetch_plainKey_readsFileOfSameName() throws Exception {
        Files.write(dir.resolve("report-2024.csv"), new byte[] {1, 2, 3});
        try (Origin origin = open()) {
            assertThat(origin.fetch("report-2024.csv".getBytes(UTF_8)).get(1, TimeUnit.SECONDS))
                    .containsExactly(1, 2, 3);
        }
    }

    @Test
    void fetch_fileMissing_completesWithNull() throws Exception {
        try (Origin origin = open()) {
            assertThat(origin.fetch("nope".getBytes(UTF_8)).get(1, TimeUnit.SECONDS)).isNull();
        }
    }

    @Test
    void fetch_traversalKey_staysInsideDirectory() throws Exception {
        Files.writeString(root.resolve("secret"), "outside");
        Files.writeString(dir.resolve("%2E.%2Fsecret"), "inside");
        try (FileOrigin origin = new FileOrigin(dir, OriginSettings.defaults())) {
            assertThat(origin.fileFor("../etc/passwd".getBytes(UTF_8)).getParent()).isEqualTo(dir.toAbsolutePath());
            assertThat(origin.fileFor("..".getBytes(UTF_8)).getFileName().toString()).isEqualTo("%2E.");
            assertThat(origin.fetch("../etc/passwd".getBytes(UTF_8)).get(1, TimeUnit.SECONDS)).isNull();
            assertThat(new String(origin.fetch("../secret".getBytes(UTF_8)).get(1, TimeUnit.SECONDS), UTF_8))
                    .isEqualTo("inside");
        }
    }

    @Test
    void fetch_binaryKey_mapsToPercentEncodedName() throws Exception {
        Files.writeString(dir.resolve("%00%FF%2Fa"), "binary");
        try (Origin origin = open()) {
            assertThat(origin.fetch(new byte[] {0, (byte) 0xFF, '/', 'a'}).get(1, TimeUnit.SECONDS))
                    .isEqualTo("binary".getBytes(UTF_8));
        }
    }

    @Test
    void fetch_fileLargerThanMaxValue_failsWithOriginException() throws Exception {
        Files.write(dir.resolve("big"), new byte[2048]);
        OriginSettings settings = OriginSettings.builder().optMaxValueBytes(1024).build();
        try (Origin origin = Origins.open(dir.toUri().toString(), settings)) {
            assertThatThrownBy(() -> origin.fetch("big".getBytes(UTF_8)).get(1, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(OriginException.class)
                    .hasMessageContaining("2048 bytes (expected: <= 1024)");
        }
    }

    @Test
    void fetch_emptyKey_failsRatherThanReadingTheDirectory() {
        try (Origin origin = open()) {
            assertThat(origin.fetch(new byte[0])).isCompletedExceptionally();
        }
    }

    @Test
    void open_directoryMissing_isRejectedWithOneLine() {
        String uri = root.resolve("absent").toUri().toString();

        assertThatThrownBy(() -> Origins.open(uri, OriginSettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: an existing directory");
    }

    private Origin open() {
        return Origins.open(dir.toUri().toString(), OriginSettings.defaults());
    }
}
