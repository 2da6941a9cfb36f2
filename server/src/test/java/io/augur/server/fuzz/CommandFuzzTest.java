package io.augur.server.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.augur.server.testing.RunningServer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.ArrayOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.ProtocolKeyword;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes the command layer of a real server over a real socket: any command with any arguments
 * gets a well-formed reply (Lettuce parses it) or a Redis-style error, and the server keeps
 * serving. The seeds in CommandFuzzTestInputs run in every `mvn test`; `JAZZER_FUZZ=1` explores.
 */
class CommandFuzzTest {

    /** Commands fuzzed; those that end or reconfigure the connection or the server are left out. */
    private static final List<String> COMMANDS = List.of("get", "set", "del", "exists", "incr", "incrby",
            "decr", "decrby", "incrbyfloat", "append", "strlen", "getrange", "setrange", "mget", "mset", "msetnx",
            "getset", "getdel", "getex", "setnx", "setex", "psetex", "expire", "pexpire", "expireat", "pexpireat",
            "ttl", "pttl", "persist", "type", "keys", "scan", "dbsize", "rename", "renamenx", "echo", "ping",
            "select", "info", "command", "time", "flushdb", "unlink", "touch", "randomkey", "object", "copy",
            "lastsave", "memory",
            "hset", "hmset", "hsetnx", "hget", "hmget", "hgetall", "hkeys", "hvals", "hdel", "hexists", "hlen",
            "hstrlen", "hincrby", "hincrbyfloat", "hrandfield", "hscan",
            "lpush", "rpush", "lpushx", "rpushx", "lpop", "rpop", "llen", "lrange", "lindex", "lset", "linsert", "lrem",
            "ltrim", "lpos", "lmove", "rpoplpush", "lmpop", // the blocking forms could wait forever on a fuzzed key
            "sadd", "srem", "smembers", "sismember", "smismember", "scard", "spop", "srandmember", "smove", "sinter",
            "sunion", "sdiff", "sinterstore", "sunionstore", "sdiffstore", "sintercard", "sscan",
            "zadd", "zincrby", "zscore", "zmscore", "zcard", "zcount", "zlexcount", "zrank", "zrevrank", "zrem",
            "zremrangebyrank", "zremrangebyscore", "zremrangebylex", "zrandmember", "zscan", "zrange", "zrangestore",
            "zrevrange", "zrangebyscore", "zrevrangebyscore", "zrangebylex", "zrevrangebylex", "zpopmin", "zpopmax",
            "zmpop", "zunion", "zinter", "zdiff", "zunionstore", "zinterstore", "zdiffstore", "zintercard",
            "setbit", "getbit", "bitcount", "bitpos", "bitop", "bitfield", "bitfield_ro", "lcs", "slowlog", "latency",
            // pub/sub publishing and scripts (SUBSCRIBE, MONITOR, MULTI, CLIENT REPLY would change what the
            // connection answers, so they stay out)
            "publish", "spublish", "pubsub", "eval", "evalsha", "eval_ro", "evalsha_ro", "script");

    private static Path dir;
    private static RunningServer server;
    private static RedisCommands<byte[], byte[]> redis;

    @BeforeAll
    static void start() throws Exception {
        dir = Files.createTempDirectory("augur-fuzz");
        server = RunningServer.start(dir);
        redis = server.binary();
        seedPagedCollections();
    }

    /**
     * Collections past the compact threshold under the shortest keys (empty, one byte), which fuzzed
     * arguments name often, so the paged encoding is fuzzed too (until a fuzzed FLUSHDB).
     */
    private static void seedPagedCollections() {
        byte[][] elements = new byte[600][];
        for (int i = 0; i < elements.length; i++) {
            elements[i] = ("e" + i).getBytes(StandardCharsets.US_ASCII);
        }
        redis.rpush(new byte[0], elements);
        java.util.Map<byte[], byte[]> fields = new java.util.LinkedHashMap<>();
        for (byte[] e : elements) {
            fields.put(e, e);
        }
        redis.hset(new byte[] {0}, fields);
        redis.sadd(new byte[] {1}, elements);
        for (int i = 0; i < elements.length; i++) {
            redis.zadd(new byte[] {2}, i, elements[i]);
        }
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
    }

    @FuzzTest(maxDuration = "60s")
    void anyCommandWithAnyArguments_getsAReplyOrAnError_andTheServerLives(FuzzedDataProvider data) {
        String name = data.pickValue(COMMANDS);
        CommandArgs<byte[], byte[]> args = new CommandArgs<>(ByteArrayCodec.INSTANCE);
        int argc = data.consumeInt(0, 6);
        for (int i = 0; i < argc; i++) {
            args.add(data.consumeBytes(data.consumeInt(0, 32)));
        }
        ProtocolKeyword keyword = new ProtocolKeyword() {
            @Override
            public byte[] getBytes() {
                return name.getBytes(StandardCharsets.US_ASCII);
            }

            @Override
            public String toString() {
                return name;
            }
        };
        try {
            redis.dispatch(keyword, new ArrayOutput<>(ByteArrayCodec.INSTANCE), args);
        } catch (RedisCommandExecutionException e) {
            assertThat(e.getMessage()).matches("(?s)^(ERR|WRONGTYPE|NOAUTH|OOM|EXECABORT|NOPROTO|BUSY|NOSCRIPT|NOTBUSY)( .*)?");
        }
        assertThat(redis.ping()).isEqualTo("PONG");
    }
}
