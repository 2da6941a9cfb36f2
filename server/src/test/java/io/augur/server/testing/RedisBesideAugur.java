package io.augur.server.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's redis-server and a real Augur side by side for a whole test class, for differential
 * tests: {@code @RegisterExtension static final RedisBesideAugur servers = new RedisBesideAugur();}
 * The class is skipped (not failed) where redis-server is not installed.
 */
public final class RedisBesideAugur implements BeforeAllCallback, AfterAllCallback {

    private final String[] augurSettings;
    private Path dir;
    private RedisServerProcess redis;
    private RunningServer augur;

    /** @param augurSettings Augur's name/value pairs as on the command line, without "--" */
    public RedisBesideAugur(String... augurSettings) {
        this.augurSettings = augurSettings;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        assumeTrue(RedisServerProcess.installed(), "redis-server is not installed (apt-get install redis-server)");
        dir = Files.createTempDirectory("augur-differential");
        redis = RedisServerProcess.start(Files.createDirectories(dir.resolve("redis")));
        augur = RunningServer.start(dir.resolve("augur"), augurSettings);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (augur != null) {
                augur.close();
            }
        } finally {
            try {
                if (redis != null) {
                    redis.close();
                }
            } finally {
                deleteDir();
            }
        }
    }

    private void deleteDir() throws Exception {
        if (dir == null) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    public RedisServerProcess redis() {
        return redis;
    }

    public RunningServer augur() {
        return augur;
    }
}
