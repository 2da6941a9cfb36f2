package io.augur.server.command.pubsub;

import io.augur.server.testing.RawClient;
import io.augur.server.testing.RedisBesideAugur;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conversations of two connections (a subscriber and a publisher) sent to Debian's redis-server and
 * to Augur: every frame each connection receives must be byte-identical. Steps are
 * {@code <connection>:<command>#<frames to read>}; connection 1 subscribes, 2 publishes.
 */
class ShardedPubSubDifferentialTest {

    @RegisterExtension
    static final RedisBesideAugur servers = new RedisBesideAugur();

    @ParameterizedTest
    @ValueSource(strings = {
            // shard channels: their own namespace and count, smessage, the subscribed state
            "1:SSUBSCRIBE a b#2|1:SSUBSCRIBE a#1|1:SUBSCRIBE a#1|2:PUBSUB SHARDCHANNELS a*#1"
                    + "|2:PUBSUB SHARDNUMSUB a b c#1|2:PUBSUB SHARDNUMSUB#1|2:PUBSUB CHANNELS#1|2:SPUBLISH a hello#1"
                    + "|1:#1|2:PUBLISH a hi#1|1:#1|2:SPUBLISH c x#1|2:PUBSUB SHARDCHANNELS a b#1|1:GET x#1|1:PING#1"
                    + "|1:SUNSUBSCRIBE a#1|2:PUBSUB SHARDCHANNELS#1|1:SUNSUBSCRIBE#1|1:SUNSUBSCRIBE#1|1:UNSUBSCRIBE#1|1:GET x#1",
            // patterns never match shard channels; plain unsubscribing keeps the shard subscriptions
            "1:PSUBSCRIBE *#1|1:SSUBSCRIBE s#1|2:SPUBLISH s one#1|1:#1|2:PUBLISH s two#1|1:#1|1:PUNSUBSCRIBE#1"
                    + "|1:GET x#1|2:SPUBLISH s three#1|1:#1|1:SUNSUBSCRIBE s#1|1:GET x#1|2:PUBSUB SHARDNUMSUB s#1",
            // errors, transactions, scripts, RESP3
            "2:SSUBSCRIBE#1|2:SPUBLISH a#1|2:SUNSUBSCRIBE#1|2:MULTI#1|2:SSUBSCRIBE x#1|2:SPUBLISH x 1#1|2:EXEC#1"
                    + "|2:EVAL \"return redis.call('spublish','x','y')\" 0#1|2:PUBSUB HELP#1",
            "1:HELLO 3#1|1:SSUBSCRIBE q#1|2:SPUBLISH q m#1|1:#1|1:GET x#1|1:SUNSUBSCRIBE#1|1:SUNSUBSCRIBE#1",
    })
    void conversation_framesMatchRedis(String script) throws Exception {
        assertThat(converse(servers.augur().port(), script)).isEqualTo(converse(servers.redis().port(), script));
    }

    private static List<String> converse(int port, String script) throws Exception {
        List<String> transcript = new ArrayList<>();
        try (RawClient one = new RawClient(port); RawClient two = new RawClient(port)) {
            two.send("FLUSHALL\r\n").readReply();
            for (String step : script.split("\\|")) {
                RawClient client = step.startsWith("1:") ? one : two;
                int hash = step.lastIndexOf('#');
                String command = step.substring(2, hash);
                if (!command.isEmpty()) {
                    client.send(command + "\r\n");
                }
                int frames = Integer.parseInt(step.substring(hash + 1));
                for (int i = 0; i < frames; i++) {
                    String frame = client.readReply();
                    // HELLO names the server and its version: only its shape is compared.
                    transcript.add(step + " -> " + (command.startsWith("HELLO") ? frame.substring(0, 3) : frame));
                }
            }
        }
        return transcript;
    }
}
