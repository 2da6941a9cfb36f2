package io.augur.server.net;

import io.augur.server.testing.RawClient;
import io.augur.server.testing.RunningServer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Greedy and hostile clients: one that never reads its replies, one that guesses passwords. */
class ClientLimitsTest {

    @TempDir
    Path dir;

    private static long stat(RedisCommands<String, String> redis, String field) {
        return redis.info("stats").lines().filter(l -> l.startsWith(field + ":"))
                .mapToLong(l -> Long.parseLong(l.substring(field.length() + 1).trim())).findFirst().orElseThrow();
    }

    @Test
    void aClientThatNeverReads_isDisconnectedAtTheHardLimit_andCounted_whileOthersCarryOn() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "client-output-buffer-limit", "normal 1mb 0 0");
             RawClient greedy = new RawClient(server.port())) {
            RedisCommands<String, String> redis = server.lettuce();
            redis.set("big", "x".repeat(512 * 1024));
            StringBuilder pipeline = new StringBuilder();
            for (int i = 0; i < 400; i++) {
                pipeline.append("*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n");
            }
            byte[] burst = pipeline.toString().getBytes(StandardCharsets.US_ASCII);
            long deadline = System.currentTimeMillis() + 20_000;
            try {
                while (stat(redis, "client_output_buffer_limit_disconnections") == 0
                        && System.currentTimeMillis() < deadline) {
                    greedy.send(burst); // 200 MB of replies asked for, none read
                    assertThat(redis.get("big")).hasSize(512 * 1024); // the others are served meanwhile
                }
            } catch (java.io.IOException closed) {
                // the server closed the greedy connection while we were still sending: expected
            }
            long deadline2 = System.currentTimeMillis() + 5_000;
            while (stat(redis, "client_output_buffer_limit_disconnections") == 0 && System.currentTimeMillis() < deadline2) {
                Thread.sleep(20);
            }
            assertThat(stat(redis, "client_output_buffer_limit_disconnections")).isEqualTo(1);
            assertThat(redis.ping()).isEqualTo("PONG");
        }
    }

    @Test
    void clientOutputBufferLimit_acceptsRedisSyntax_andRejectsNonsense() throws Exception {
        try (RunningServer server = RunningServer.start(dir)) {
            RedisCommands<String, String> redis = server.lettuce();
            assertThat(redis.configSet("client-output-buffer-limit", "normal 10mb 5mb 30 pubsub 32mb 8mb 60")).isEqualTo("OK");
            assertThat(redis.configGet("client-output-buffer-limit").get("client-output-buffer-limit"))
                    .isEqualTo("normal 10485760 5242880 30");
            assertThatThrownBy(() -> redis.configSet("client-output-buffer-limit", "weird 1 2 3"))
                    .isInstanceOf(RedisCommandExecutionException.class);
        }
    }

    @Test
    void failedAuth_isCounted_andThrottledPerAddress_evenForTheRightPassword() throws Exception {
        try (RunningServer server = RunningServer.start(dir, "requirepass", "s3cret");
             RawClient admin = new RawClient(server.port())) {
            admin.send("AUTH s3cret\r\n"); // before the guessing: the same loopback address is throttled after it
            assertThat(admin.readLine().strip()).isEqualTo("+OK");
            try (RawClient guesser = new RawClient(server.port())) {
                for (int i = 0; i < 10; i++) {
                    guesser.send("AUTH guess" + i + "\r\n");
                    assertThat(guesser.readLine()).startsWith("-WRONGPASS");
                }
                guesser.send("AUTH s3cret\r\n");
                assertThat(guesser.readLine().strip()).isEqualTo("-ERR too many failed AUTH attempts from this address, try again later");
                guesser.send("HELLO 3 AUTH default s3cret\r\n");
                assertThat(guesser.readLine()).startsWith("-ERR too many failed AUTH attempts");
                guesser.send("PING\r\n");
                assertThat(guesser.readLine()).startsWith("-NOAUTH"); // the connection survives, unauthenticated
            }
            admin.send("INFO stats\r\n");
            int length = Integer.parseInt(admin.readLine().strip().substring(1));
            String stats = admin.read(length + 2);
            assertThat(stats).contains("auth_failures:12");
        }
    }
}
