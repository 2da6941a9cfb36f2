package io.augur.server;

import io.augur.server.testing.Await;
import io.augur.server.testing.RunningServer;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** CONFIG SET hz on a running server changes how often the server cron runs, at once. */
class LiveHzTest {

    @TempDir
    Path dir;

    private static Map<String, String> parse(String info) {
        return info.lines().filter(l -> l.contains(":"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(':')), l -> l.substring(l.indexOf(':') + 1)));
    }

    @Test
    void configSetHz_onARunningServer_changesTheCronRateAtOnce() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "hz", "1")) {
            RedisCommands<String, String> redis = server.lettuce();
            assertThat(redis.configSet("hz", "500")).isEqualTo("OK");
            Map<String, String> info = parse(redis.info("server"));
            assertThat(info.get("hz")).isEqualTo("500");
            long before = Long.parseLong(info.get("cron_cycles"));
            // 100 cycles: 0.2 s at hz 500, 100 s at the old hz 1, so only the new rate can finish within the
            // deadline (a hang guard 125 times longer than needed, not a measurement).
            Await.until("100 more cron cycles", Duration.ofSeconds(25),
                    () -> Long.parseLong(parse(redis.info("server")).get("cron_cycles")), n -> n >= before + 100);
        }
    }

    @Test
    void configSetHz_activeExpiryRunsAtTheNewRate_removingUntouchedExpiredKeys() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "hz", "1")) {
            RedisCommands<String, String> redis = server.lettuce();
            redis.configSet("hz", "200");
            for (int i = 0; i < 50; i++) {
                redis.psetex("short:" + i, 1, "v");
            }
            // Nobody reads them again: only active expiry (the cron) can remove them.
            Await.until("active expiry of 50 untouched keys", () -> Long.parseLong(parse(redis.info("stats"))
                    .get("expired_keys")), n -> n >= 50);
            assertThat(redis.dbsize()).isZero();
        }
    }
}
