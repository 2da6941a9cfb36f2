package io.augur.server.command;

import io.augur.server.testing.AugurServerExtension;
import io.augur.server.testing.DifferentialScript;
import io.augur.server.testing.RawClient;
import io.augur.server.testing.RedisServerProcess;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What operators and exporters read, over a real socket: SLOWLOG and LATENCY fed by real
 * commands, MEMORY USAGE of every type, CONFIG SET's rollback, INFO with several sections and
 * CLIENT LIST's fields (names checked against a real redis-server).
 */
class IntrospectionTest {

    @RegisterExtension
    static final AugurServerExtension augur = new AugurServerExtension();
    RedisCommands<String, String> redis;

    /** A Lua loop that keeps the server busy for well over a millisecond (tens of ms on this machine). */
    private static final String BUSY_SCRIPT = "local i = 0 while i < 3000000 do i = i + 1 end return i";

    @BeforeEach
    void reset() throws Exception {
        redis = augur.redis();
        redis.flushall();
        redis.configSet(Map.of("slowlog-log-slower-than", "-1", "latency-monitor-threshold", "0"));
        redis.slowlogReset();
        try (RawClient raw = new RawClient(augur.server().port())) {
            DifferentialScript.exchange(raw, "LATENCY RESET", false);
        }
    }

    @AfterEach
    void restoreDefaults() {
        redis.configSet(Map.of("slowlog-log-slower-than", "10000", "slowlog-max-len", "128",
                "latency-monitor-threshold", "0"));
    }

    @Test
    void slowlog_atThresholdZero_logsEveryCommandNewestFirst_withArgumentsCutAsRedis() {
        redis.clientSetname("reporter");
        redis.configSet("slowlog-log-slower-than", "0");
        redis.slowlogReset();
        redis.set("k", "x".repeat(200));
        String[] many = new String[40];
        for (int i = 0; i < many.length; i++) {
            many[i] = "m" + i;
        }
        redis.del(many);

        List<Object> entries = redis.slowlogGet(3);
        assertThat(entries).hasSize(3);
        List<?> newest = (List<?>) entries.get(0); // the DEL
        List<?> previous = (List<?>) entries.get(1); // the SET
        assertThat((Long) newest.get(0)).isGreaterThan((Long) previous.get(0));
        assertThat((Long) newest.get(2)).isNotNegative();
        List<?> delArgs = (List<?>) newest.get(3);
        assertThat(delArgs).hasSize(32);
        assertThat(delArgs.get(0)).isEqualTo("DEL");
        assertThat(delArgs.get(31)).isEqualTo("... (10 more arguments)");
        List<?> setArgs = (List<?>) previous.get(3);
        assertThat(setArgs.get(2)).isEqualTo("x".repeat(128) + "... (72 more bytes)");
        assertThat((String) previous.get(4)).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(previous.get(5)).isEqualTo("reporter");
        assertThat(redis.slowlogLen()).isGreaterThanOrEqualTo(4L); // SLOWLOG RESET, SET, DEL, SLOWLOG GET
    }

    @Test
    void slowlog_keepsAtMostSlowlogMaxLen_andNothingWhenOff() {
        redis.configSet(Map.of("slowlog-log-slower-than", "0", "slowlog-max-len", "5"));
        for (int i = 0; i < 50; i++) {
            redis.set("k" + i, "v");
        }
        assertThat(redis.slowlogLen()).isEqualTo(5);
        assertThat(redis.slowlogGet(-1)).hasSize(5);

        redis.configSet("slowlog-log-slower-than", "-1");
        redis.slowlogReset();
        redis.eval(BUSY_SCRIPT, ScriptOutputType.INTEGER);
        assertThat(redis.slowlogLen()).isZero();
        assertThatThrownBy(() -> redis.configSet("slowlog-max-len", "4097"))
                .isInstanceOf(RedisCommandExecutionException.class).hasMessageContaining("between 0 and 4096");
    }

    @Test
    void slowlog_defaultThreshold_logsACommandSlowerThanTenMilliseconds() {
        redis.configSet("slowlog-log-slower-than", "10000");
        redis.slowlogReset();
        redis.eval(BUSY_SCRIPT, ScriptOutputType.INTEGER);
        List<Object> entries = redis.slowlogGet(-1);
        assertThat(entries).anySatisfy(e -> assertThat(((List<?>) ((List<?>) e).get(3)).get(0)).isEqualTo("EVAL"));
    }

    @Test
    void latency_recordsCommandsOverTheThreshold_andOnlyWhenOn() throws Exception {
        redis.eval(BUSY_SCRIPT, ScriptOutputType.INTEGER); // threshold 0: off
        try (RawClient raw = new RawClient(augur.server().port())) {
            assertThat(DifferentialScript.exchange(raw, "LATENCY LATEST", false)).isEqualTo("*0\r\n");
            raw.send("CONFIG SET latency-monitor-threshold 1\r\n").readLine();
            redis.eval(BUSY_SCRIPT, ScriptOutputType.INTEGER);

            String latest = DifferentialScript.exchange(raw, "LATENCY LATEST", false);
            assertThat(latest).startsWith("*1\r\n*4\r\n$7\r\ncommand\r\n:");
            String history = DifferentialScript.exchange(raw, "LATENCY HISTORY command", false);
            // One entry per second with an event: the script's, and on a busy machine perhaps another command's.
            assertThat(history).matches("(?s)\\*[1-9][0-9]*\r\n\\*2\r\n:.*");
            assertThat(DifferentialScript.exchange(raw, "LATENCY DOCTOR", false)).contains("command: latest");
            assertThat(DifferentialScript.exchange(raw, "LATENCY RESET", false)).isEqualTo(":1\r\n");
            assertThat(DifferentialScript.exchange(raw, "LATENCY LATEST", false)).isEqualTo("*0\r\n");
        }
    }

    @Test
    void memoryUsage_everyType_growsWithTheValue_nilWhenMissing() {
        redis.set("s", "v");
        redis.set("s2", "v".repeat(10_000));
        redis.hset("h", "f", "v");
        redis.rpush("l", "a", "b");
        redis.sadd("set", "a", "b");
        redis.zadd("z", 1, "a");
        for (String key : List.of("s", "h", "l", "set", "z")) {
            assertThat(redis.memoryUsage(key)).as(key).isGreaterThan(0L);
        }
        assertThat(redis.memoryUsage("s2") - redis.memoryUsage("s")).isGreaterThanOrEqualTo(9_999L);
        assertThat(redis.memoryUsage("missing")).isNull();
    }

    @Test
    void memoryStats_datasetIsUsedMemory() {
        redis.set("a", "1");
        Map<String, String> stats = new java.util.HashMap<>();
        try (StatefulRedisConnection<String, String> c = augur.server().connect()) {
            List<Object> reply = c.sync().dispatch(io.lettuce.core.protocol.CommandType.MEMORY,
                    new io.lettuce.core.output.ArrayOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
                    new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.StringCodec.UTF8).add("STATS"));
            for (int i = 0; i < reply.size(); i += 2) {
                stats.put((String) reply.get(i), String.valueOf(reply.get(i + 1)));
            }
        }
        assertThat(stats).containsEntry("keys.count", "1");
        assertThat(stats.get("dataset.bytes")).isEqualTo(infoField("memory", "used_memory"));
    }

    @Test
    void configSet_refusedValue_rollsBackTheOnesAlreadyApplied() {
        String samples = redis.configGet("maxmemory-samples").get("maxmemory-samples");
        assertThatThrownBy(() -> redis.configSet(new java.util.LinkedHashMap<>(Map.of("maxmemory-samples", "7")) {{
            put("timeout", "not-a-number");
        }})).isInstanceOf(RedisCommandExecutionException.class).hasMessageContaining("'timeout'");
        assertThat(redis.configGet("maxmemory-samples")).containsEntry("maxmemory-samples", samples);

        redis.configSet(Map.of("maxmemory-samples", "7", "timeout", "3"));
        assertThat(redis.configGet("maxmemory-samples", "time*"))
                .containsEntry("maxmemory-samples", "7").containsEntry("timeout", "3");
        redis.configSet(Map.of("maxmemory-samples", samples, "timeout", "0"));
    }

    @Test
    void info_severalSections_returnsEachOfThem() {
        try (RawClient raw = new RawClient(augur.server().port())) {
            String reply = DifferentialScript.exchange(raw, "INFO clients stats", false);
            assertThat(reply).contains("# Clients").contains("# Stats").doesNotContain("# Memory");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void clientList_showsMultiSubscriptionsAndSubcommand() throws Exception {
        try (RawClient tx = new RawClient(augur.server().port()); RawClient sub = new RawClient(augur.server().port())) {
            DifferentialScript.exchange(tx, "MULTI", false);
            DifferentialScript.exchange(tx, "SET a 1", false);
            DifferentialScript.exchange(tx, "GET a", false);
            DifferentialScript.exchange(sub, "SUBSCRIBE c1 c2", false);
            sub.readLine(); // the second subscribe confirmation
            for (int i = 0; i < 3; i++) {
                sub.readLine();
            }
            DifferentialScript.exchange(sub, "PSUBSCRIBE p*", false);

            String list = redis.clientList();
            assertThat(list).containsPattern("flags=x db=0 sub=0 psub=0 ssub=0 multi=2 .* cmd=get ");
            assertThat(list).containsPattern("flags=P db=0 sub=2 psub=1 ssub=0 multi=-1 .* cmd=psubscribe ");
            assertThat(list).containsPattern("flags=N .* cmd=client\\|list ");
        }
    }

    @Test
    void clientList_fieldNames_areRedisSevenInItsOrder(@TempDir Path dir) throws Exception {
        assumeTrue(RedisServerProcess.installed(), "redis-server is not installed");
        try (RedisServerProcess real = RedisServerProcess.start(dir);
             RawClient r = new RawClient(real.port()); RawClient a = new RawClient(augur.server().port())) {
            List<String> redisFields = fieldNames(DifferentialScript.exchange(r, "CLIENT INFO", false));
            List<String> augurFields = fieldNames(DifferentialScript.exchange(a, "CLIENT INFO", false));
            // Redis 7.2 adds lib-name and lib-ver at the end (Augur serves CLIENT SETINFO).
            assertThat(augurFields).isEqualTo(concat(redisFields, "lib-name", "lib-ver"));
        }
    }

    private static List<String> fieldNames(String bulkReply) {
        String line = bulkReply.substring(bulkReply.indexOf("\r\n") + 2).trim();
        List<String> names = new ArrayList<>();
        for (String field : line.split(" ")) {
            names.add(field.substring(0, field.indexOf('=')));
        }
        return names;
    }

    private static List<String> concat(List<String> list, String... more) {
        List<String> all = new ArrayList<>(list);
        all.addAll(Arrays.asList(more));
        return all;
    }

    private String infoField(String section, String name) {
        for (String line : redis.info(section).split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return line.substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in INFO " + section);
    }
}
