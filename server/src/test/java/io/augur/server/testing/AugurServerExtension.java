package io.augur.server.testing;

import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One real server for a whole test class, in its own temporary data directory, with a Lettuce
 * client: {@code @RegisterExtension static final AugurServerExtension augur = new AugurServerExtension();}
 */
public final class AugurServerExtension implements BeforeAllCallback, AfterAllCallback {

    private final String[] settings;
    private RunningServer server;
    private RedisCommands<String, String> redis;
    private Path dir;

    /** @param settings name/value pairs as on the command line, without "--" */
    public AugurServerExtension(String... settings) {
        this.settings = settings;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        dir = Files.createTempDirectory("augur-test");
        server = RunningServer.start(dir, settings);
        redis = server.lettuce();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (server != null) {
            server.close();
        }
        if (dir != null) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    public RunningServer server() {
        return server;
    }

    public RedisCommands<String, String> redis() {
        return redis;
    }
}
