package io.augur.server.testing;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real Chromium (Debian's `chromium`) run headless as a child process: loads a page, lets its
 * scripts run for a virtual-time budget, then prints the DOM or writes a screenshot.
 */
public final class HeadlessChromium {

    /** Virtual time the page's scripts get (fetches pause it): enough for a poll and a render. */
    private static final int VIRTUAL_TIME_BUDGET_MILLIS = 3_000;
    /** Wall-clock deadline of one run: only turns a hang into a failure, on a loaded 2-core machine. */
    private static final long DEADLINE_SECONDS = 120;

    private final Path binary;
    private final Path profile;

    private HeadlessChromium(Path binary, Path profile) {
        this.binary = binary;
        this.profile = profile;
    }

    /** Chromium from the PATH, with a profile in {@code workDir}; empty when it is not installed. */
    public static Optional<HeadlessChromium> find(Path workDir) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin");
        return Stream.of(path.split(File.pathSeparator))
                .flatMap(dir -> Stream.of("chromium", "chromium-browser").map(name -> Path.of(dir, name)))
                .filter(Files::isExecutable).findFirst()
                .map(binary -> new HeadlessChromium(binary, workDir.resolve("chromium-profile")));
    }

    /** The page's DOM after its scripts ran, as HTML. */
    public String dumpDom(String url, int width, int height) throws Exception {
        return run(url, width, height, "--dump-dom");
    }

    /** Writes a PNG of the page after its scripts ran. */
    public void screenshot(String url, int width, int height, Path png) throws Exception {
        run(url, width, height, "--screenshot=" + png.toAbsolutePath());
        if (!Files.exists(png)) {
            throw new AssertionError("chromium wrote no screenshot to " + png);
        }
    }

    private String run(String url, int width, int height, String action) throws Exception {
        List<String> command = new ArrayList<>(List.of(binary.toString(), "--headless", "--disable-gpu",
                "--no-sandbox", "--no-first-run", "--hide-scrollbars", "--user-data-dir=" + profile,
                "--window-size=" + width + "," + height,
                "--virtual-time-budget=" + VIRTUAL_TIME_BUDGET_MILLIS, action, url));
        // Output goes to files, so a Chromium that hangs cannot block this thread past the deadline.
        Path stdout = Files.createTempFile(profile.getParent(), "chromium", ".out");
        Path stderr = Files.createTempFile(profile.getParent(), "chromium", ".log");
        Process process = new ProcessBuilder(command).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish in " + DEADLINE_SECONDS + " s: " + command);
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("chromium exited with " + process.exitValue() + ": "
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return Files.readString(stdout, StandardCharsets.UTF_8);
    }
}
