package io.augur.server.command;

import io.augur.server.testing.DifferentialScript;
import io.augur.server.testing.RedisServerProcess;
import io.augur.server.testing.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Bit commands, LCS, SETRANGE/GETRANGE and introspection: the same scripts sent to Debian's
 * redis-server 7.0 and to Augur must get byte-identical replies (values, nils, error texts).
 */
class StringsAndIntrospectionDifferentialTest {

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
            // SETBIT / GETBIT
            "SETBIT b 7 1|GET b|SETBIT b 7 0|SETBIT b 7 1|GETBIT b 7|GETBIT b 6|GETBIT b 100|GETBIT nokey 0|STRLEN b|SETBIT b 100 1|STRLEN b|GET b",
            "SETBIT b -1 1|SETBIT b x 1|SETBIT b 1 2|SETBIT b 1 -1|SETBIT b 1 x|SETBIT b 4294967296 1|SETBIT b 4294967296 x|GETBIT b -1|GETBIT b 4294967296|GETBIT b 1.5|EXISTS b|SETBIT b|GETBIT b",
            "SETBIT z 0 0|GET z|EXISTS z|SET s hello|SETBIT s 0 1|GET s|GETBIT s 1|HSET h a 1|SETBIT h 0 1|GETBIT h 0|SETBIT h x 1|SETBIT h 0 5",
            "SET t v|EXPIRE t 100|SETBIT t 40 1|TTL t|GET t|SET n 1234|GETBIT n 2|SETBIT n 0 1|GET n",
            // BITCOUNT
            "SET s foobar|BITCOUNT s|BITCOUNT s 0 0|BITCOUNT s 1 1|BITCOUNT s 1 -2|BITCOUNT s -3 -1|BITCOUNT s -1 -3|BITCOUNT s 5 100|BITCOUNT s 100 200|BITCOUNT s -100 -50|BITCOUNT s 0 -1 BYTE|BITCOUNT s 5 30 BIT|BITCOUNT s 0 -1 BIT|BITCOUNT s -5 -1 bit|BITCOUNT s 7 7 BIT|BITCOUNT s 1 0 BIT",
            "SET s foobar|BITCOUNT s 0|BITCOUNT s 0 1 FOO|BITCOUNT s x 1|BITCOUNT s 0 x|BITCOUNT s 0 1 BIT x|BITCOUNT nokey|BITCOUNT nokey 0 1|BITCOUNT nokey 0|BITCOUNT nokey x y|HSET h a 1|BITCOUNT h|BITCOUNT|SET e \"\"|BITCOUNT e|BITCOUNT e 0 -1|BITCOUNT e 0 0 BIT",
            "SET s foobar|BITCOUNT s 0 9223372036854775807|BITCOUNT s -9223372036854775808 -1|BITCOUNT s 0 9223372036854775807 BIT|BITCOUNT s 9223372036854775807 9223372036854775807 BIT|BITCOUNT s -9223372036854775808 9223372036854775807 BIT",
            // BITPOS
            "SET s \"\\xff\\xf0\\x00\"|BITPOS s 0|BITPOS s 1|BITPOS s 0 2|BITPOS s 1 2|BITPOS s 0 0 0|BITPOS s 0 1 1|BITPOS s 1 2 -1|BITPOS s 0 -1|BITPOS s 1 0 -1 BIT|BITPOS s 0 0 -1 BIT|BITPOS s 0 3 7 BIT|BITPOS s 0 8 11 BIT|BITPOS s 0 8 BIT|BITPOS s 1 12 BIT",
            "SET f \"\\xff\\xff\\xff\"|BITPOS f 0|BITPOS f 0 0 -1|BITPOS f 0 1|BITPOS f 0 1 2|BITPOS f 0 3 BIT|BITPOS f 0 3 10 BIT|BITPOS f 0 5 BYTE|BITPOS f 1|SET z \"\\x00\\x00\"|BITPOS z 1|BITPOS z 0|BITPOS z 1 0 -1 BIT|BITPOS z 0 9 BIT|BITPOS z 0 9 9 BIT",
            "BITPOS nokey 0|BITPOS nokey 1|BITPOS nokey 2|BITPOS nokey x|BITPOS nokey 1 5 6 BIT|SET s ab|BITPOS s 2|BITPOS s -1|BITPOS s 1 x|BITPOS s 1 0 x|BITPOS s 1 0 1 FOO|BITPOS s 1 0 1 BIT 5|BITPOS s 1 5 2|BITPOS s 1 -1 -5|BITPOS s 0 1 0 BIT|HSET h a 1|BITPOS h 1|BITPOS|SET e \"\"|BITPOS e 0|BITPOS e 1|BITPOS e 0 0|BITPOS e 0 0 -1 BIT",
            "SET s ab|BITPOS s 0 9223372036854775807|BITPOS s 0 -9223372036854775808|BITPOS s 1 -9223372036854775808 9223372036854775807 BIT|BITPOS s 0 0 9223372036854775807 BIT",
            // BITOP
            "SET a foobar|SET b abcdef|BITOP AND d a b|GET d|BITOP OR d a b|GET d|BITOP XOR d a b|GET d|BITOP NOT d a|GET d|BITOP and d a|GET d|SET c ab|BITOP OR d a c nokey|GET d|BITOP XOR d c c|GET d",
            "SET a x|BITOP FOO d a|BITOP NOT d a b|BITOP NOT d|BITOP AND d|BITOP NOT d nokey|EXISTS d|SET d v|BITOP AND d nokey nokey2|EXISTS d|HSET h a 1|BITOP AND d a h|BITOP OR h a|TYPE h|GET h|SET t v|EXPIRE t 100|BITOP OR t a|TTL t",
            // BITFIELD
            "BITFIELD bf SET u8 0 255|BITFIELD bf GET u8 0|BITFIELD bf GET i8 0|BITFIELD bf GET u4 0 GET u4 4 GET i4 4|BITFIELD bf INCRBY u8 0 1|BITFIELD bf INCRBY u8 0 -1|BITFIELD bf SET i16 #1 -200|BITFIELD bf GET i16 #1|BITFIELD bf GET u16 8|STRLEN bf|GET bf",
            "BITFIELD bf OVERFLOW SAT INCRBY u8 0 300|BITFIELD bf OVERFLOW SAT INCRBY u8 0 -300|BITFIELD bf OVERFLOW FAIL INCRBY u8 0 256|BITFIELD bf OVERFLOW FAIL INCRBY u8 0 -1|BITFIELD bf OVERFLOW WRAP INCRBY u8 0 257|BITFIELD bf OVERFLOW SAT INCRBY i8 8 200|BITFIELD bf OVERFLOW SAT INCRBY i8 8 -400|BITFIELD bf INCRBY i8 8 130|BITFIELD bf OVERFLOW FAIL INCRBY i8 8 -1000 INCRBY i8 8 1|BITFIELD bf OVERFLOW sat SET u4 0 100 SET i4 4 -100 GET u8 0",
            "BITFIELD bf SET i64 0 -9223372036854775808|BITFIELD bf GET i64 0|BITFIELD bf INCRBY i64 0 -1|BITFIELD bf OVERFLOW SAT INCRBY i64 0 -5|BITFIELD bf OVERFLOW FAIL INCRBY i64 0 -1|BITFIELD bf SET u63 0 9223372036854775807|BITFIELD bf GET u63 0|BITFIELD bf INCRBY u63 0 1|BITFIELD bf OVERFLOW SAT INCRBY u63 0 -1|BITFIELD bf SET u63 1 -1|BITFIELD bf GET u63 1|BITFIELD bf SET i64 3 9223372036854775807|BITFIELD bf OVERFLOW SAT INCRBY i64 3 9223372036854775807|BITFIELD bf OVERFLOW WRAP INCRBY i64 3 9223372036854775807|GET bf",
            "BITFIELD bf SET u1 0 1 SET u1 1 2 SET i1 2 -1 SET i1 3 1 GET u4 0|BITFIELD bf OVERFLOW SAT SET u1 4 5 SET i1 5 5 SET i1 6 -5 GET u8 0|BITFIELD bf OVERFLOW FAIL SET u2 8 4 SET i2 10 2 SET i2 12 -3 SET i2 14 -2 GET u8 8|BITFIELD bf SET i5 100 31 GET i5 100 INCRBY i5 100 1 INCRBY i5 100 -40|BITFIELD bf SET u7 #3 127 GET u7 #3 GET u7 21",
            "BITFIELD bf|EXISTS bf|BITFIELD bf GET u8|BITFIELD bf GET u64 0|BITFIELD bf GET i65 0|BITFIELD bf GET u0 0|BITFIELD bf GET x8 0|BITFIELD bf GET U8 0|BITFIELD bf GET u8 -1|BITFIELD bf GET u8 #-1|BITFIELD bf GET u8 x|BITFIELD bf SET u8 0|BITFIELD bf SET u8 0 x|BITFIELD bf INCRBY u8 0 1.5|BITFIELD bf OVERFLOW|BITFIELD bf OVERFLOW FOO GET u8 0|BITFIELD bf FOO|BITFIELD bf GET u8 4294967296|BITFIELD bf GET u8 #536870912|BITFIELD bf GET u8 #x|EXISTS bf",
            "BITFIELD nokey GET u8 0 GET i8 100|EXISTS nokey|BITFIELD bf OVERFLOW FAIL INCRBY u2 100 10|EXISTS bf|STRLEN bf|BITFIELD bf OVERFLOW FAIL SET u2 0 1 GET u2 0 INCRBY u2 0 5 GET u2 0|HSET h a 1|BITFIELD h GET u8 0|BITFIELD h SET u8 0 1|BITFIELD_RO h GET u8 0|BITFIELD",
            "SET s hello|BITFIELD_RO s GET u8 0 GET i16 #1 GET u8 1000|BITFIELD_RO s SET u8 0 1|BITFIELD_RO s INCRBY u8 0 1|BITFIELD_RO s OVERFLOW SAT GET u8 0|BITFIELD_RO nokey GET u8 0|BITFIELD_RO s|BITFIELD_RO s GET u8|BITFIELD_RO s FOO|BITFIELD_RO|GET s",
            "SET t abc|EXPIRE t 100|BITFIELD t SET u8 #5 65|TTL t|GET t|SET n 1234|BITFIELD n GET u8 0 INCRBY u8 0 1|GET n",
            "!HELLO 3|BITFIELD bf OVERFLOW FAIL INCRBY u2 0 10 GET u2 0|BITFIELD_RO bf GET u8 0|SETBIT b 1 1|BITCOUNT b|BITPOS b 1|BITOP NOT d b|GETBIT b 1",
            // LCS
            "MSET a ohmytext b mynewtext|LCS a b|LCS a b LEN|LCS a b IDX|LCS a b IDX MINMATCHLEN 4|LCS a b IDX MINMATCHLEN 4 WITHMATCHLEN|LCS a b IDX WITHMATCHLEN|LCS a b idx minmatchlen -5|LCS b a IDX WITHMATCHLEN",
            "SET a abc|LCS a nokey|LCS nokey nokey2 LEN|LCS nokey a IDX|LCS a a IDX WITHMATCHLEN|LCS a b LEN IDX|LCS a b FOO|LCS a b MINMATCHLEN|LCS a b MINMATCHLEN x|LCS a b MINMATCHLEN x LEN IDX|HSET h a 1|LCS a h|LCS h a LEN|LCS h nokey FOO|LCS a|LCS",
            "MSET a \"The quick brown fox\" b \"A quick brown dog jumps\"|LCS a b|LCS a b LEN|LCS a b IDX WITHMATCHLEN|LCS a b IDX MINMATCHLEN 3|MSET x aaaa y aa|LCS x y IDX|LCS y x IDX|MSET p abcabc q cba|LCS p q IDX WITHMATCHLEN|LCS q p",
            "!HELLO 3|MSET a ohmytext b mynewtext|LCS a b IDX WITHMATCHLEN|LCS a b LEN|LCS a b",
            // SETRANGE / GETRANGE at the edges
            "SETRANGE s 5 ab|GET s|STRLEN s|SETRANGE s 1 x|GET s|SETRANGE s 20 \"\"|STRLEN s|SETRANGE nokey 5 \"\"|EXISTS nokey|SETRANGE s 536870912 x|SETRANGE s 536870911 \"\"|SETRANGE s 9223372036854775807 x|SETRANGE s -1 x|SETRANGE s x x|SETRANGE n2 536870912 x|EXISTS n2|HSET h a 1|SETRANGE h 0 x|SETRANGE h 0 \"\"|SET t v|EXPIRE t 100|SETRANGE t 3 x|TTL t",
            // introspection: SLOWLOG, LATENCY, MEMORY, CONFIG SET/GET with several pairs (settings restored at the end)
            "SLOWLOG HELP|SLOWLOG LEN x|SLOWLOG GET x|SLOWLOG GET -2|SLOWLOG GET 1 2|SLOWLOG FOO|SLOWLOG|SLOWLOG RESET x|SLOWLOG HELP x",
            "CONFIG SET slowlog-log-slower-than -1|SLOWLOG RESET|SLOWLOG LEN|SLOWLOG GET|SLOWLOG GET -1|CONFIG SET slowlog-log-slower-than 0|SLOWLOG RESET|SLOWLOG LEN|SLOWLOG LEN|CONFIG SET slowlog-max-len 1|SLOWLOG LEN|CONFIG SET slowlog-max-len 0|SLOWLOG LEN|SLOWLOG GET|CONFIG SET slowlog-max-len 128 slowlog-log-slower-than 10000|SLOWLOG RESET|~CONFIG GET slowlog*|CONFIG SET slowlog-log-slower-than -2|CONFIG SET slowlog-max-len x",
            "LATENCY LATEST|LATENCY HISTORY command|LATENCY HISTORY nosuch|LATENCY RESET|LATENCY RESET command fast-command nosuch|LATENCY HISTORY|LATENCY LATEST x|LATENCY FOO|LATENCY|LATENCY DOCTOR|CONFIG SET latency-monitor-threshold 100000|LATENCY DOCTOR|CONFIG SET latency-monitor-threshold 0|CONFIG GET latency-monitor-threshold|CONFIG SET latency-monitor-threshold -1|CONFIG SET latency-monitor-threshold x",
            "MEMORY USAGE nokey|MEMORY USAGE|MEMORY USAGE k SAMPLES|MEMORY USAGE k SAMPLES x|MEMORY USAGE k SAMPLES -1|MEMORY USAGE k FOO|MEMORY USAGE nokey SAMPLES 0|MEMORY USAGE nokey samples 5 SAMPLES 2|MEMORY STATS x|MEMORY DOCTOR x|MEMORY PURGE|MEMORY FOO|MEMORY|MEMORY HELP|MEMORY DOCTOR|!HELLO 3|MEMORY USAGE nokey",
            "CONFIG SET maxmemory 10mb maxmemory abc|CONFIG GET maxmemory|CONFIG SET maxmemory 10mb MAXMEMORY 2mb|CONFIG SET maxmemory 10mb timeout abc|CONFIG GET maxmemory|CONFIG GET timeout|CONFIG SET maxmemory 10mb nosuch 1|CONFIG SET MAXMEMORY abc|CONFIG SET maxmemory|CONFIG SET maxmemory 1 timeout|CONFIG SET timeout 5 maxmemory 20mb|~CONFIG GET maxmemory timeout|~CONFIG GET max*mory time*|CONFIG SET timeout 0 maxmemory 0|~CONFIG GET timeout maxmemory nosuch|CONFIG GET|CONFIG SET timeout 0 timeout 1",
            "SET s Hello|GETRANGE s 0 -1|GETRANGE s -1 -5|GETRANGE s -9223372036854775808 9223372036854775807|GETRANGE s 4 4|GETRANGE s 5 5|GETRANGE s 9223372036854775807 -9223372036854775808|GETRANGE s -3 9223372036854775807|GETRANGE s 1 -100|GETRANGE nokey 0 -1|GETRANGE s 0 99999999999999999999|SET e \"\"|GETRANGE e 0 -1|GETRANGE e -1 0|SET n 12345|GETRANGE n 1 2|SUBSTR s 1 3",
    })
    void script_repliesMatchRedis(String script) throws Exception {
        DifferentialScript.run(redis.port(), augur.port(), script);
    }
}
