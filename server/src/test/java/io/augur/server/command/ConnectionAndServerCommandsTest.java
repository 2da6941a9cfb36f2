package io.augur.server.command;

import io.augur.server.testing.RawClient;
import io.augur.server.testing.AugurServerExtension;
import io.augur.server.testing.RunningServer;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static io.augur.server.testing.RedisAssertions.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/** Connection and server commands: PING, ECHO, HELLO, SELECT, CLIENT, INFO, CONFIG, COMMAND, TIME. */
class ConnectionAndServerCommandsTest {

    @RegisterExtension
    static final AugurServerExtension augur = new AugurServerExtension();
    static RunningServer server;
    static RedisCommands<String, String> redis;

    @BeforeAll
    static void clients() {
        server = augur.server();
        redis = augur.redis();
    }

    @Test
    void ping_echo() {
        assertThat(redis.ping()).isEqualTo("PONG");
        assertThat(redis.echo("hi")).isEqualTo("hi");
    }

    @Test
    void select_databasesZeroToFifteen_outOfRangeIsAnError() {
        assertThat(redis.select(15)).isEqualTo("OK");
        assertError(() -> redis.select(16), "ERR DB index is out of range");
        assertThat(redis.select(0)).isEqualTo("OK"); // the connection is shared with the other tests
    }

    @Test
    void hello3_switchesToResp3Replies() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            raw.send("HELLO 3\r\n");
            StringBuilder hello = new StringBuilder();
            for (int line = 0; line < 26; line++) { // %7 header + 7 keys and values, 25 lines
                hello.append(raw.readLine());
            }
            assertThat(hello.toString()).startsWith("%7\r\n").contains("proto\r\n:3\r\n").endsWith("modules\r\n*0\r\n");
            raw.send("GET nothing-here\r\n");
            assertThat(raw.readLine()).isEqualTo("_\r\n");
        }
    }

    @Test
    void hello_unsupportedVersion_isNoproto() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            raw.send("HELLO 4\r\n");
            assertThat(raw.readLine()).isEqualTo("-NOPROTO unsupported protocol version\r\n");
        }
    }

    @Test
    void client_id_setname_getname_list_info() {
        long id = redis.clientId();
        assertThat(id).isPositive();
        assertThat(redis.clientSetname("worker-1")).isEqualTo("OK");
        assertThat(redis.clientGetname()).isEqualTo("worker-1");
        assertThat(redis.clientList()).contains("id=" + id).contains("name=worker-1");
        assertThat(redis.clientInfo()).contains("id=" + id);
    }

    @Test
    void client_kill_byId_closesThatConnection() throws Exception {
        try (RawClient victim = new RawClient(server.port())) {
            victim.send("CLIENT ID\r\n");
            long id = Long.parseLong(victim.readLine().substring(1).trim());
            assertThat(redis.clientKill(io.lettuce.core.KillArgs.Builder.id(id))).isEqualTo(1);
            assertThat(victim.closedByServer()).isTrue();
        }
    }

    @Test
    void info_hasRedisSectionsAndFieldNames() {
        redis.set("info-key", "v");
        redis.get("info-key");
        redis.get("info-missing");
        String info = redis.info();
        assertThat(info).contains("# Server", "redis_version:", "# Clients", "connected_clients:",
                "# Memory", "used_memory:", "maxmemory_policy:", "# Stats", "keyspace_hits:", "keyspace_misses:",
                "evicted_keys:", "expired_keys:", "# Keyspace", "db0:keys=");
        assertThat(redis.info("memory")).contains("# Memory").doesNotContain("# Stats");
        assertThat(redis.info("commandstats")).contains("cmdstat_get:calls=");
        assertThat(redis.info("everything")).contains("# Commandstats");
    }

    @Test
    void config_get_set_resetstat() {
        assertThat(redis.configGet("maxmemory-policy")).isEqualTo(Map.of("maxmemory-policy", "noeviction"));
        assertThat(redis.configGet("maxmemory*")).containsKeys("maxmemory", "maxmemory-policy", "maxmemory-samples");
        assertThat(redis.configSet("maxmemory", "10mb")).isEqualTo("OK");
        assertThat(redis.configGet("maxmemory")).isEqualTo(Map.of("maxmemory", "10485760"));
        assertThat(redis.info("memory")).contains("maxmemory:10485760");
        redis.configSet("maxmemory", "0");
        assertError(() -> redis.configSet("maxmemory-policy", "bogus"),
                "ERR CONFIG SET failed (possibly related to argument 'maxmemory-policy') - argument(s) must be one of "
                        + "the following: noeviction, allkeys-lru, allkeys-lfu, allkeys-random, volatile-lru, "
                        + "volatile-lfu, volatile-random, volatile-ttl, allkeys-tinylfu, volatile-tinylfu");
        assertError(() -> redis.configSet("no-such-thing", "1"),
                "ERR Unknown option or number of arguments for CONFIG SET - 'no-such-thing'");
        assertThat(redis.configResetstat()).isEqualTo("OK");
        assertThat(redis.info("stats")).contains("keyspace_hits:0");
    }

    @Test
    void command_count_info_docs() {
        assertThat(redis.commandCount()).isGreaterThan(50);
        var info = redis.commandInfo("get");
        assertThat(info).hasSize(1);
        assertThat(info.get(0).toString()).contains("get");
        assertThat(redis.commandInfo(io.lettuce.core.protocol.CommandType.SET)).hasSize(1);
    }

    @Test
    void time_isNow() {
        var time = redis.time();
        long seconds = Long.parseLong(time.get(0));
        assertThat(seconds).isBetween(System.currentTimeMillis() / 1000 - 5, System.currentTimeMillis() / 1000 + 5);
    }

    @Test
    void unknownCommand_isRedisError_andConnectionSurvives() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            raw.send("FOO bar baz\r\n");
            assertThat(raw.readLine())
                    .isEqualTo("-ERR unknown command 'FOO', with args beginning with: 'bar' 'baz' \r\n");
            raw.send("PING\r\n");
            assertThat(raw.readLine()).isEqualTo("+PONG\r\n");
        }
    }

    @Test
    void quit_repliesOkAndCloses() throws Exception {
        try (RawClient raw = new RawClient(server.port())) {
            raw.send("QUIT\r\n");
            assertThat(raw.readLine()).isEqualTo("+OK\r\n");
            assertThat(raw.closedByServer()).isTrue();
        }
    }
}
