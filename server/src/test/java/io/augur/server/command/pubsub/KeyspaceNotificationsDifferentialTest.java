package io.augur.server.command.pubsub;

import io.augur.server.testing.RawClient;
import io.augur.server.testing.RedisBesideAugur;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same commands, with the same notify-keyspace-events classes, sent to Debian's redis-server
 * and to Augur: a subscriber to {@code __key*__:*} must receive the same notifications in the same
 * order (and CONFIG GET must spell the classes alike).
 */
class KeyspaceNotificationsDifferentialTest {

    /** Published after each script: the subscriber reads up to it, so no wait depends on time. */
    private static final String END_CHANNEL = "__keyend__:x";

    @RegisterExtension
    static final RedisBesideAugur servers = new RedisBesideAugur();

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
            // strings
            "KEA; SET a 1|SET a 2 EX 100|SET b 1 PX 100000 NX|SETNX a 5|SETNX c 1|SETEX d 10 v|PSETEX e 100000 v|GETSET a 9|GETDEL a|GETDEL zz|GETEX b EX 5|GETEX b PERSIST|GETEX b|GETEX b PXAT 1",
            "KEA; MSET x 1 y 2|MSETNX x 1 q 2|MSETNX q 1 r 2|APPEND s ab|SETRANGE s 1 c|SETRANGE s 1 \"\"|INCR n|DECR n|INCRBY n 3|DECRBY n 2|INCRBYFLOAT n 1.5|INCR s|SET k v EX 0|SET k v KEEPTTL|SET k v GET|SET k v XX|SET k v NX",
            // generic
            "KEA; SET a 1|DEL a b|SET a 1|UNLINK a|SET a 1|EXPIRE a 100|PEXPIRE a 1000000|EXPIREAT a 99999999999|PEXPIREAT a 99999999999999|EXPIRE a 100 NX|PERSIST a|PERSIST a|EXPIRE a -1|EXPIRE zz 10",
            "KEA; SET a 1|RENAME a b|RENAMENX b c|SET d 1|RENAMENX c d|RENAME c d|COPY d e|COPY d e REPLACE|COPY d e|MOVE e 1|SWAPDB 0 1|TOUCH d|SET x 1|EXPIREAT x 1|SET y 1|PEXPIRE y 0|RENAME y y|SET z 1|RENAME z z|COPY z w DB 3",
            // lists
            "KEA; LPUSH l a b|RPUSH l c|LPUSHX l d|RPUSHX l e|LPUSHX n a|LPOP l|RPOP l|LPOP l 2|LSET l 0 q|LINSERT l BEFORE q w|LINSERT l BEFORE zz w|LREM l 1 w|LTRIM l 0 0|LTRIM l 0 -1|RPOP l|LPOP l",
            "KEA; RPUSH l 1 2 3|LMOVE l m LEFT RIGHT|RPOPLPUSH l m|LMOVE l m RIGHT LEFT|LMPOP 1 m LEFT COUNT 5|RPUSH a 1|BLPOP a 0|RPUSH a 1 2|BRPOP a 0|BLMOVE a b LEFT LEFT 0|BLMPOP 0 1 b RIGHT|RPUSH a 1|LREM a 0 1|RPUSH a 1|LTRIM a 1 0|RPUSH a 1 2|LMOVE a a LEFT RIGHT|BRPOPLPUSH a a 0",
            // hashes, sets, sorted sets
            "KEA; HSET h a 1 b 2|HSET h a 1|HMSET h c 3|HSETNX h a 1|HSETNX h d 1|HDEL h a|HDEL h zz|HINCRBY h n 1|HINCRBYFLOAT h f 1.5|HDEL h b c d n f",
            "KEA; SADD s a b|SADD s a|SREM s a|SREM s zz|SADD t x|SMOVE s t b|SADD s 1 2 3|SPOP s|SPOP s 5|SADD a 1 2|SADD b 2 3|SINTERSTORE c a b|SUNIONSTORE c a b|SDIFFSTORE c a b|SDIFFSTORE c a a|SINTERSTORE zz q r|SMOVE a a 1|SADD one x|SMOVE one t x",
            "KEA; ZADD z 1 a 2 b|ZADD z 1 a|ZADD z INCR 1 a|ZINCRBY z 1 b|ZREM z a|ZREM z zz|ZADD z 1 x 2 y 3 w 4 v|ZREMRANGEBYRANK z 0 0|ZREMRANGEBYSCORE z 3 3|ZREMRANGEBYLEX z - +|ZADD z 0 a 0 b 0 c|ZREMRANGEBYLEX z [a [a|ZPOPMIN z|ZPOPMAX z 5",
            "KEA; ZADD a 1 x|ZADD b 2 x|ZUNIONSTORE c 2 a b|ZINTERSTORE c 2 a b|ZDIFFSTORE c 2 a b|ZRANGESTORE d a 0 -1|ZRANGESTORE d a 5 9|ZMPOP 1 a MIN|BZPOPMIN b 0|ZADD c 1 x|BZMPOP 0 1 c MAX|ZADD z 5 q|ZREMRANGEBYSCORE z 0 10|ZADD e 1 a|ZREMRANGEBYRANK e 0 -1|ZADD e GT 0 a",
            // classes: only keyspace, only some types, key misses and new keys, transactions and scripts
            "Kg$; SET a 1|LPUSH l x|DEL a|GET zz|EXPIRE l 100|HSET h a 1",
            "El; SET a 1|LPUSH l x|RPOP l|DEL a",
            "KEnm; SET a 1|SET a 2|HSET h a 1|LPUSH l a|GET a|GET zz|HGET zz a|LRANGE zz 0 1|RENAME a b|COPY b c|SADD s x|SINTERSTORE d s s|MOVE c 1|GET b",
            "KEA; MULTI|SET a 1|INCR a|LPUSH l x|EXEC|EVAL \"redis.call('set', KEYS[1], 'v') redis.call('del', KEYS[1])\" 1 k",
            "Eg; SELECT 2|SET a 1|EXPIRE a 10|DEL a|SELECT 0",
            "KEA; SET a 1 PXAT 1|SET b 1|SET b 2 PXAT 1|SET c 1 EXAT 1|SET d 1 PX 100000|SET d 2 PXAT 1 GET|SET e 1 PXAT 1 NX",
            "''; SET a 1|DEL a",
            "K; SET a 1|DEL a",
    })
    void notifications_matchRedis(String classes, String script) throws Exception {
        List<String> expected = withoutActiveExpiry(run(servers.redis().port(), classes, script));
        List<String> actual = withoutActiveExpiry(run(servers.augur().port(), classes, script));
        assertThat(actual).as("notifications for %s with '%s'", script, classes).isEqualTo(expected);
    }

    /**
     * Without the "expired" events: a key SET with a time already past (PXAT 1) stays until the
     * active expiry cycle, which runs on its own clock (hz, 10 a second, on both servers) and so
     * reports it at a moment no script controls. On a loaded machine Augur's cycle fell inside the
     * script and Redis's did not. What a command itself emits (set, expire, del) is still compared.
     */
    private static List<String> withoutActiveExpiry(List<String> notifications) {
        return notifications.stream().filter(n -> !n.contains("=expired") && !n.contains(":expired=")).toList();
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {"KEA", "Kx", "AKEm", "g$lshzxetdKE", "gn", "Elg", "KEA$$", "''", "Q", "KEAq", "An"})
    void configGet_spellsClassesAsRedis(String classes) throws Exception {
        assertThat(configure(servers.augur().port(), classes)).isEqualTo(configure(servers.redis().port(), classes));
    }

    /** CONFIG SET's reply and CONFIG GET's value afterwards. */
    private static String configure(int port, String classes) throws Exception {
        try (RawClient c = new RawClient(port)) {
            String set = c.send("CONFIG SET notify-keyspace-events " + quoted(classes) + "\r\n").readReply();
            String get = c.send("CONFIG GET notify-keyspace-events\r\n").readReply();
            c.send("CONFIG SET notify-keyspace-events \"\"\r\n").readReply();
            return set + get;
        }
    }

    /** Runs the script with the classes on and returns what a pattern subscriber received: "channel=message". */
    private static List<String> run(int port, String classes, String script) throws Exception {
        try (RawClient control = new RawClient(port); RawClient subscriber = new RawClient(port)) {
            control.send("FLUSHALL\r\n").readReply();
            control.send("CONFIG SET notify-keyspace-events " + quoted(classes) + "\r\n").readReply();
            subscriber.send("PSUBSCRIBE __key*__:*\r\n").readReply();
            for (String step : script.split("\\|")) {
                control.send(step + "\r\n").readReply();
            }
            control.send("PUBLISH " + END_CHANNEL + " end\r\n").readReply();
            control.send("CONFIG SET notify-keyspace-events \"\"\r\n").readReply();
            List<String> received = new ArrayList<>();
            while (true) {
                String message = subscriber.readReply();
                assertThat(message).as("a pmessage before the end marker").startsWith("*4");
                String[] lines = message.split("\r\n");
                String channel = lines[6];
                if (channel.equals(END_CHANNEL)) {
                    return received;
                }
                received.add(channel + "=" + lines[8]);
            }
        }
    }

    private static String quoted(String classes) {
        return classes.equals("''") ? "\"\"" : classes;
    }
}
