package io.augur.server.command.pubsub;

import io.augur.server.testing.AugurServerExtension;
import io.augur.server.testing.Await;
import io.augur.server.testing.RawClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Pub/sub over a real socket: Lettuce's pub/sub connection, raw RESP2 and RESP3 frames, a slow subscriber. */
class PubSubCommandsTest {

    @RegisterExtension
    static final AugurServerExtension augur = new AugurServerExtension("store-entries", "100000");

    private final RedisCommands<String, String> redis = augur.redis();

    @AfterEach
    void restoreLimit() {
        redis.configSet("client-output-buffer-limit", "normal 256mb 64mb 60");
    }

    private RawClient raw() throws Exception {
        return new RawClient(augur.server().port());
    }

    @Test
    void publish_lettuceChannelAndPatternSubscribers_receiveMessages() {
        RedisClient client = RedisClient.create("redis://127.0.0.1:" + augur.server().port());
        try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub()) {
            List<String> received = new CopyOnWriteArrayList<>();
            sub.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(String channel, String message) {
                    received.add(channel + "=" + message);
                }

                @Override
                public void message(String pattern, String channel, String message) {
                    received.add(pattern + ":" + channel + "=" + message);
                }
            });
            sub.sync().subscribe("news");
            sub.sync().psubscribe("n*s", "other.*");
            assertThat(redis.publish("news", "hello")).isEqualTo(2);
            assertThat(redis.publish("nothing", "x")).isZero();
            Await.until("both deliveries", () -> received.size(), n -> n == 2);
            assertThat(received).containsExactlyInAnyOrder("news=hello", "n*s:news=hello");
            assertThat(redis.pubsubChannels()).containsExactly("news");
            assertThat(redis.pubsubNumsub("news", "none")).isEqualTo(Map.of("news", 1L, "none", 0L));
            assertThat(redis.pubsubNumpat()).isEqualTo(2);
            sub.sync().unsubscribe("news");
            sub.sync().punsubscribe();
            Await.until("no pattern left", () -> redis.pubsubNumpat(), n -> n == 0);
            assertThat(redis.publish("news", "late")).isZero();
        } finally {
            client.shutdown();
        }
    }

    @Test
    void subscribe_resp2_repliesArraysAndRestrictsCommands() throws Exception {
        try (RawClient sub = raw(); RawClient pub = raw()) {
            sub.send("SUBSCRIBE a b\r\n");
            String confirmations = "*3\r\n$9\r\nsubscribe\r\n$1\r\na\r\n:1\r\n*3\r\n$9\r\nsubscribe\r\n$1\r\nb\r\n:2\r\n";
            assertThat(sub.read(confirmations.length())).isEqualTo(confirmations);
            sub.send("GET k\r\nPING\r\nPING hi\r\n");
            String expected = "-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET "
                    + "are allowed in this context\r\n*2\r\n$4\r\npong\r\n$0\r\n\r\n*2\r\n$4\r\npong\r\n$2\r\nhi\r\n";
            assertThat(sub.read(expected.length())).isEqualTo(expected);
            pub.send("PUBLISH b payload\r\n");
            assertThat(pub.readLine()).isEqualTo(":1\r\n");
            String message = "*3\r\n$7\r\nmessage\r\n$1\r\nb\r\n$7\r\npayload\r\n";
            assertThat(sub.read(message.length())).isEqualTo(message);
            sub.send("UNSUBSCRIBE\r\nUNSUBSCRIBE\r\nGET k\r\n");
            String after = "*3\r\n$11\r\nunsubscribe\r\n$1\r\na\r\n:1\r\n*3\r\n$11\r\nunsubscribe\r\n$1\r\nb\r\n:0\r\n"
                    + "*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n$-1\r\n";
            assertThat(sub.read(after.length())).isEqualTo(after);
        }
    }

    @Test
    void psubscribe_resp3_deliversPushFramesAndAllowsCommands() throws Exception {
        try (RawClient sub = raw()) {
            sub.send("HELLO 3\r\n");
            drain(sub);
            sub.send("PSUBSCRIBE user:[0-9]*\r\n");
            String confirmation = ">3\r\n$10\r\npsubscribe\r\n$11\r\nuser:[0-9]*\r\n:1\r\n";
            assertThat(sub.read(confirmation.length())).isEqualTo(confirmation);
            assertThat(redis.publish("user:42", "login")).isEqualTo(1);
            assertThat(redis.publish("user:x", "ignored")).isZero();
            String push = ">4\r\n$8\r\npmessage\r\n$11\r\nuser:[0-9]*\r\n$7\r\nuser:42\r\n$5\r\nlogin\r\n";
            assertThat(sub.read(push.length())).isEqualTo(push);
            sub.send("PING\r\n");
            assertThat(sub.readLine()).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void publish_toItself_pushArrivesBeforePublishReply() throws Exception {
        try (RawClient c = raw()) {
            c.send("HELLO 3\r\n");
            drain(c);
            c.send("SUBSCRIBE self\r\nPUBLISH self hi\r\n");
            String expected = ">3\r\n$9\r\nsubscribe\r\n$4\r\nself\r\n:1\r\n"
                    + ">3\r\n$7\r\nmessage\r\n$4\r\nself\r\n$2\r\nhi\r\n:1\r\n";
            assertThat(c.read(expected.length())).isEqualTo(expected);
        }
    }

    @Test
    void publish_subscriberNeverReads_isDisconnectedByOutputBufferLimit() throws Exception {
        redis.configSet("client-output-buffer-limit", "normal 1mb 0 0");
        try (RawClient sub = raw()) {
            sub.send("SUBSCRIBE firehose\r\n");
            Await.until("subscribed", () -> redis.pubsubNumsub("firehose").get("firehose"), n -> n == 1);
            String big = "x".repeat(64 * 1024);
            // The subscriber reads nothing: its socket buffers fill, then its output passes 1 MB and it is cut off.
            Await.until("the slow subscriber is disconnected", () -> {
                redis.publish("firehose", big);
                return redis.pubsubNumsub("firehose").get("firehose");
            }, n -> n == 0);
        }
    }

    @Test
    void pubsub_unknownSubcommand_repliesRedisError() throws Exception {
        try (RawClient c = raw()) {
            c.send("PUBSUB NOPE\r\nPUBSUB NUMPAT x\r\n");
            String expected = "-ERR unknown subcommand 'NOPE'. Try PUBSUB HELP.\r\n"
                    + "-ERR wrong number of arguments for 'pubsub|numpat' command\r\n";
            assertThat(c.read(expected.length())).isEqualTo(expected);
        }
    }

    /** Reads the HELLO reply, whatever its length. */
    private static void drain(RawClient c) throws Exception {
        c.send("ECHO end-of-hello\r\n");
        String line;
        do {
            line = c.readLine();
        } while (!line.equals("end-of-hello\r\n") && !line.isEmpty());
    }
}
