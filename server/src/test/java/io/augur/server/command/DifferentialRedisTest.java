package io.augur.server.command;

import io.augur.server.testing.RawClient;
import io.augur.server.testing.RedisServerProcess;
import io.augur.server.testing.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The same command script sent to Debian's redis-server and to Augur must produce byte-identical
 * replies: values, integers, nils and error texts.
 */
class DifferentialRedisTest {

    @TempDir
    static Path dir;
    static RedisServerProcess redis;
    static RunningServer augur;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(RedisServerProcess.installed(), "redis-server is not installed (apt-get install redis-server)");
        redis = RedisServerProcess.start(Files.createDirectories(dir.resolve("redis")));
        augur = RunningServer.start(dir.resolve("augur"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (augur != null) {
            augur.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SET a 1|GET a|GET missing|SET a 2 NX|SET a 3 XX|GET a|SET a 4 NX XX|SET a 5 GET|SET b 1 EX 0|SET b 1 PX -1",
            "SET n 10|INCR n|INCRBY n 5|DECR n|DECRBY n 3|INCRBY n abc|SET s x|INCR s|INCR missingnum|DECRBY n -9223372036854775808",
            "SET n 9223372036854775807|INCR n|SET m -9223372036854775808|DECR m|INCRBY n 99999999999999999999",
            "SET f 10.50|INCRBYFLOAT f 0.1|INCRBYFLOAT f -5|INCRBYFLOAT f abc|SET e 5.0e3|INCRBYFLOAT e 2.0e2|INCRBYFLOAT e 1.5",
            "APPEND s Hello|APPEND s World|STRLEN s|GETRANGE s 0 4|GETRANGE s -5 -1|GETRANGE s 3 1|SETRANGE s 5 XX|GET s|SETRANGE s -1 x|SETRANGE new 2 ab|GET new|STRLEN nope",
            "MSET a 1 b 2|MGET a b c|MSETNX a 9 z 9|MSETNX y 1 z 2|MGET y z|MSET a|GETSET a 10|GETDEL a|GETDEL a|GET a",
            "SET k v|EXPIRE k 100 XX GT|EXPIRE k 100 NX|EXPIRE k 50 GT|EXPIRE k 200 GT|EXPIRE k 300 LT|EXPIRE k 10 NX XX|EXPIRE k 10 GT LT|EXPIRE k 10 FOO|TTL k|PERSIST k|PERSIST k|TTL k|TTL missing|PTTL missing|EXPIRETIME k",
            "SET k v|EXPIRE k abc|EXPIRE k 9223372036854775807|PEXPIRE k 9223372036854775807|EXPIRE k -5|EXISTS k",
            "SET a 1|RENAME a b|GET b|RENAME missing x|RENAMENX b b|SET c 1|RENAMENX b c|RENAME b b|TYPE b|TYPE nope",
            "DEL a b c|SET a 1|SET b 2|EXISTS a b a zz|DEL a zz|UNLINK b|DBSIZE|TOUCH a b",
            "GET|SET a|GETEX a PERSIST EX 10|GETEX missing EX 10|SET g v|GETEX g EX 100|TTL g|GETEX g PERSIST|TTL g|GETEX g EX 0",
            "PING|PING hello|PING a b|ECHO hi|ECHO|SELECT 0|SELECT x",
            "NOSUCHCMD a b|nosuchcmd|CLIENT NOSUB|CONFIG NOSUB|SCAN abc|SCAN 0 COUNT 0|SCAN 0 MATCH|SETEX k 0 v|PSETEX k -1 v",
            "SET k v KEEPTTL EX 5|SET k v EXAT 0|SET k v PXAT abc|SET k v GET GET|GETRANGE k a b",
            "MULTI|SET a 1|INCR a|SET s x|INCR s|GET a|EXEC|EXEC|DISCARD",
            "MULTI|MULTI|WATCH a|NOSUCH x|GET|SET a 1|EXEC|GET a|WATCH a|UNWATCH|MULTI|DISCARD|DISCARD",
            "WATCH a b|SET a 1|MULTI|GET a|EXEC|WATCH|PUBSUB NUMPAT|PUBSUB CHANNELS|PUBSUB NUMSUB a b|PUBLISH ch msg",
            "PUBSUB NOPE|PUBSUB NUMPAT x|PUBSUB|PUBLISH ch|SUBSCRIBE|PSUBSCRIBE",
            // databases
            "SELECT 15|SELECT 16|SELECT -1|SET a 1|MOVE a 1|MOVE a 1|MOVE a 0|MOVE a 16|MOVE a x|SELECT 1|GET a|DBSIZE|SELECT 0|DBSIZE",
            "SET a 1|SWAPDB 0 1|GET a|SWAPDB x 1|SWAPDB 1 x|SWAPDB 0 99|SWAPDB 1 0|GET a|COPY a b DB 2|COPY a b DB 2|COPY a b DB 2 REPLACE|COPY a a|COPY a b DB x|COPY a b DB 16|COPY a b FOO|SELECT 2|GET b|FLUSHDB|DBSIZE",
            // scripting: conversions and errors
            "EVAL \"return {1,2,3.7,'x',nil,4}\" 0|EVAL \"return {1,{2,'y'},true,false}\" 0|EVAL \"return 3.99\" 0|EVAL \"return -0.5\" 0|EVAL \"return true\" 0|EVAL \"return false\" 0|EVAL \"return nil\" 0",
            "EVAL \"return {ok='fine'}\" 0|EVAL \"return {err='bad thing'}\" 0|EVAL \"return {err=5}\" 0|EVAL \"return redis.error_reply('MY err')\" 0|EVAL \"return redis.status_reply('GOOD')\" 0|EVAL \"return redis.sha1hex('')\" 0",
            "SET s x|EVAL \"return redis.pcall('incr','s')\" 0|EVAL \"return redis.pcall('nosuch')\" 0|EVAL \"return redis.pcall('get')\" 0|EVAL \"return redis.call('get','nokey')\" 0|EVAL \"return redis.call('set','k','v')\" 0|EVAL \"return KEYS[1] .. ARGV[2]\" 1 k a b",
            "EVAL \"return 1\" -1|EVAL \"return 1\" x|EVAL \"return 1\" 3 a|EVALSHA abcdef 0|EVALSHA e0e1f9fabfc9d4800c877a703b823ac0578ff8db 0|SCRIPT LOAD \"return 1\"|SCRIPT EXISTS e0e1f9fabfc9d4800c877a703b823ac0578ff8db abc|EVALSHA E0E1F9FABFC9D4800C877A703B823AC0578FF8DB 0|SCRIPT FLUSH|SCRIPT EXISTS e0e1f9fabfc9d4800c877a703b823ac0578ff8db",
            "SET s x|EVAL \"local n = redis.call('incr','s') return n\" 0|EVAL \"error('boom')\" 0|EVAL \"return os\" 0|EVAL \"x = 5\" 0|EVAL \"local r = redis.call('nosuch') return r\" 0",
    })
    void script_repliesMatchRedis(String script) throws Exception {
        try (RawClient r = new RawClient(redis.port()); RawClient a = new RawClient(augur.port())) {
            r.send("FLUSHALL\r\n").readLine();
            a.send("FLUSHALL\r\n").readLine();
            for (String command : script.split("\\|")) {
                String expected = exchange(r, command);
                String actual = exchange(a, command);
                assertThat(actual).as("reply to '%s'", command).isEqualTo(expected);
            }
        }
    }

    /** Sends one inline command and reads one whole reply (enough for the flat replies used here). */
    private static String exchange(RawClient client, String command) throws Exception {
        client.send(command + "\r\n");
        String first = client.readLine();
        StringBuilder reply = new StringBuilder(first);
        readRest(client, first, reply);
        return reply.toString();
    }

    private static void readRest(RawClient client, String header, StringBuilder reply) throws Exception {
        char type = header.charAt(0);
        if (type == '$') {
            int len = Integer.parseInt(header.substring(1).trim());
            if (len >= 0) {
                reply.append(client.read(len + 2));
            }
        } else if (type == '*') {
            int n = Integer.parseInt(header.substring(1).trim());
            for (int i = 0; i < n; i++) {
                String line = client.readLine();
                reply.append(line);
                readRest(client, line, reply);
            }
        }
    }
}
