package io.augur.server.command;

import io.augur.server.testing.DifferentialScript;
import io.augur.server.testing.RedisBesideAugur;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same command script sent to Debian's redis-server and to Augur must produce byte-identical
 * replies: values, integers, nils and error texts.
 */
class DifferentialRedisTest {

    @RegisterExtension
    static final RedisBesideAugur servers = new RedisBesideAugur();

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
            // hashes
            "HSET h f1 v1 f2 v2|HSET h f1 x f3 v3|HGET h f1|HGET h nope|HGET nokey f|HMGET h f1 nope f3|HMGET nokey a b|HGETALL h|HKEYS h|HVALS h|HLEN h|HLEN nokey|HKEYS nokey|HGETALL nokey|TYPE h|OBJECT ENCODING h",
            "HSET h a 1|HSET h b|HSET h|HMSET h a 2 b 3|HMSET h a|HGETALL h|HSETNX h a 9|HSETNX h c 9|HGET h c|HEXISTS h a|HEXISTS h zz|HEXISTS nokey a|HSTRLEN h c|HSTRLEN h zz|HSTRLEN nokey a|HGET h|HSETNX h a",
            "HSET h a 1 b 2 c 3|HDEL h a zz|HDEL h zz|HDEL nokey a|HGETALL h|HDEL h b c|EXISTS h|TYPE h|HDEL h|HSET h x 1|HDEL h x x x|EXISTS h",
            "HSET h n 10 s abc|HINCRBY h n 5|HINCRBY h n -20|HINCRBY h new 3|HINCRBY h s 1|HINCRBY h n abc|HINCRBY h n 9223372036854775807|HSET h big 9223372036854775807|HINCRBY h big 1|HINCRBY nokey f 1|HGETALL nokey|HSET h sp ' 1'|HINCRBY h sp 1",
            "HSET h f 10.50|HINCRBYFLOAT h f 0.1|HINCRBYFLOAT h f -5|HINCRBYFLOAT h f abc|HINCRBYFLOAT h f inf|HINCRBYFLOAT h f nan|HSET h e 5.0e3|HINCRBYFLOAT h e 2.0e2|HINCRBYFLOAT h new 1.5|HSET h s x|HINCRBYFLOAT h s 1|HSET h i inf|HINCRBYFLOAT h i 1|HINCRBYFLOAT h f 3|HINCRBYFLOAT h f -1.5|HGETALL h",
            "SET s v|HSET s a 1|HGET s a|HGETALL s|HDEL s a|HLEN s|HINCRBY s a 1|HINCRBYFLOAT s a 1|HSCAN s 0|HRANDFIELD s|HSETNX s a 1|HMGET s a|HKEYS s|HEXISTS s a|HSTRLEN s a",
            "HSET h a 1|GET h|APPEND h x|INCR h|DECRBY h 2|INCRBYFLOAT h 1|STRLEN h|GETRANGE h 0 1|SETRANGE h 0 x|GETSET h x|GETDEL h|GETEX h|MGET h nokey|SETNX h v|SET h v GET|TYPE h|SET h v|TYPE h|GET h",
            "HSET h a 1 b 2 c 3|~HRANDFIELD h 3|HRANDFIELD h 10|HRANDFIELD h 10 WITHVALUES|HRANDFIELD h 0|HRANDFIELD h 3 foo|HRANDFIELD h 3 withvalues x|HRANDFIELD h x|HRANDFIELD nokey|HRANDFIELD nokey 5|HRANDFIELD nokey 5 WITHVALUES|HRANDFIELD nokey 0|HSET one a 1|HRANDFIELD one|HRANDFIELD one -3|HRANDFIELD one -2 WITHVALUES|HRANDFIELD one 1|HRANDFIELD one -9223372036854775808",
            "HSET h a 1 b 2 ab 3|HSCAN h 0|HSCAN h 0 MATCH a*|HSCAN h 0 COUNT 1|HSCAN h 0 COUNT 0|HSCAN h 0 FOO 1|HSCAN h 0 MATCH|HSCAN h x|HSCAN nokey 0|HSCAN nokey 0 COUNT 0|HSCAN h 0 COUNT x|HSCAN h 18446744073709551616|HSCAN h 0 MATCH *b COUNT 100",
            "!HELLO 3|HSET h a 1 b 2|HGETALL h|HGETALL nokey|HRANDFIELD h 5 WITHVALUES|HRANDFIELD h 5|HRANDFIELD nokey|HMGET h a x|HGET h x|HSCAN h 0|HINCRBYFLOAT h a 0.5|HEXISTS h a",
            "HSET h a 1|EXPIRE h 100|TTL h|HSET h b 2|TTL h|HDEL h b|TTL h|PERSIST h|TTL h|RENAME h h2|HGETALL h2|COPY h2 h3|HGETALL h3|EXISTS h2 h3|DEL h2|SCAN 0 TYPE hash|SET s 1|SCAN 0 TYPE list|SCAN 0 TYPE STRING|SCAN 0 TYPE nosuch|TYPE h2|OBJECT ENCODING h3|OBJECT ENCODING nokey|OBJECT FOO|OBJECT ENCODING|OBJECT ENCODING s|OBJECT REFCOUNT h3|HSET big f aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|OBJECT ENCODING big",
            // sets (integer sets iterate in numeric order in Redis 7.0; '~' compares others in any order)
            "SADD s 3 1 2|SADD s 2 4|SMEMBERS s|SCARD s|SCARD nokey|SISMEMBER s 1|SISMEMBER s 9|SISMEMBER nokey 1|SMISMEMBER s 1 9 2|SMISMEMBER nokey a|SREM s 1 9|SREM nokey a|SMEMBERS s|SREM s 2 3 4|EXISTS s|SMEMBERS nokey|TYPE s|SADD s|SMISMEMBER s",
            "SADD s -5 10 0 3|SMEMBERS s|OBJECT ENCODING s|SADD s 007|~SMEMBERS s|OBJECT ENCODING s|SADD w b a c|~SMEMBERS w|~SUNION w nokey|SCARD w|~SINTER w w|~SRANDMEMBER w 10|~SPOP w 10|EXISTS w",
            "SADD s 1 2 3|SPOP s 3|EXISTS s|SADD s 1 2 3|SPOP s 5|SPOP s 0|SPOP nokey|SPOP nokey 2|SPOP s -1|SPOP s x|SPOP s 1 2|SADD one x|SPOP one|EXISTS one|SADD s 5|SPOP s 0|SCARD s",
            "SADD s 1 2 3|~SRANDMEMBER s 3|SRANDMEMBER s 10|SRANDMEMBER s 0|SRANDMEMBER nokey|SRANDMEMBER nokey 3|SRANDMEMBER s x|SRANDMEMBER s 1 2|SADD one x|SRANDMEMBER one|SRANDMEMBER one -3|SRANDMEMBER one 1|SCARD s|SRANDMEMBER s -9223372036854775808|SRANDMEMBER s 9223372036854775808",
            "SADD a 1 2|SADD b 3|SMOVE a b 1|SMEMBERS a|SMEMBERS b|SMOVE a b 9|SMOVE nokey b 1|SMOVE a a 2|SMOVE a a 9|SET str x|SMOVE a str 2|SMOVE str a 2|SMOVE nokey str 1|SMOVE a c 2|EXISTS a|SMEMBERS c",
            "SADD a 1 2 3 4|SADD b 2 3 5|SADD c 3 4 5|SINTER a b|SINTER a b c|SINTER a nokey|SUNION a b c|SUNION nokey|SDIFF a b|SDIFF a b c|SDIFF nokey a|SINTERSTORE d a b|SMEMBERS d|SUNIONSTORE d a c|SMEMBERS d|SDIFFSTORE d a a|EXISTS d|SET str x|SINTER a str|SUNION a str|SDIFF str a|SINTERSTORE str a b|TYPE str|SMEMBERS str|SINTER nokey str|SDIFFSTORE a|SINTER|SUNIONSTORE e nokey|EXISTS e",
            "SADD a 1 2 3 4|SADD b 2 3 4 5|SINTERCARD 2 a b|SINTERCARD 2 a b LIMIT 2|SINTERCARD 2 a b LIMIT 0|SINTERCARD 2 a b LIMIT -1|SINTERCARD 2 a b LIMIT x|SINTERCARD 0 a|SINTERCARD x a|SINTERCARD 3 a b|SINTERCARD 1 a FOO|SINTERCARD 1 a LIMIT|SINTERCARD 2 a nokey|SET str x|SINTERCARD 2 a str|SINTERCARD 1 a|SINTERCARD 1",
            "SADD s 1 2 3 12|SSCAN s 0|SSCAN s 0 MATCH 1*|SSCAN s 0 COUNT 0|SSCAN nokey 0|SSCAN s x|SET str x|SSCAN str 0|SADD str a|SISMEMBER str a|SCARD str|SMEMBERS str|SPOP str|SRANDMEMBER str|SREM str a",
            "!HELLO 3|SADD s 1 2|SMEMBERS s|SMEMBERS nokey|SPOP nokey 2|SRANDMEMBER s 5|SRANDMEMBER nokey 5|SINTER s s|SUNION s nokey|SDIFF nokey|SMISMEMBER s 1 3|SISMEMBER s 1|SSCAN s 0|SADD one 7|SRANDMEMBER one -2|SPOP s 5",
            "SADD s 1|EXPIRE s 100|SADD s 2|TTL s|SREM s 1|TTL s|RENAME s t|SMEMBERS t|TYPE t|COPY t u|SMEMBERS u|DEL t|SCAN 0 TYPE set|OBJECT ENCODING u|GET u|INCR u|MULTI|SADD u 5|SMEMBERS u|EXEC",
            // sorted sets
            "ZADD z 1 a 2 b 3 c|ZADD z 1.5 a 2 b|ZRANGE z 0 -1 WITHSCORES|ZSCORE z a|ZSCORE z nope|ZSCORE nokey a|ZMSCORE z a nope c|ZMSCORE nokey a|ZCARD z|ZCARD nokey|ZADD z 1.1 x 1e-5 y 123456789012345678 w -0 v 0.1 u|ZRANGE z 0 -1 WITHSCORES|ZADD z inf p -inf m|ZRANGE z 0 -1 WITHSCORES|TYPE z|OBJECT ENCODING z",
            "ZADD z NX 1 a|ZADD z NX 2 a|ZADD z XX 3 b|ZADD z XX 5 a|ZADD z CH 5 a 6 b|ZADD z GT 4 a|ZADD z GT CH 9 a|ZADD z LT CH 1 a 1 c|ZADD z INCR 2 a|ZADD z INCR NX 2 a|ZADD z INCR XX 2 nope|ZADD z INCR GT -1 a|ZADD z INCR LT -1 a|ZRANGE z 0 -1 WITHSCORES|ZADD z NX XX 1 a|ZADD z GT LT 1 a|ZADD z NX GT 1 a|ZADD z INCR 1 a 2 b|ZADD z 1|ZADD z|ZADD z x a|ZADD z nan a|ZADD z 1e400 a|ZADD z 1 a 2|ZADD z FOO 1 a|ZADD nokey XX 1 a|EXISTS nokey|ZADD z INCR inf a|ZADD z INCR -inf a",
            "ZADD z 1 a|ZINCRBY z 2.5 a|ZINCRBY z 1 new|ZINCRBY z x a|ZINCRBY z inf a|ZINCRBY z -inf a|ZINCRBY nokey 3 m|ZRANGE nokey 0 -1 WITHSCORES|ZRANGE z 0 -1 WITHSCORES",
            "ZADD z 1 a 2 b 3 c 4 d 5 e|ZRANGE z 1 3|ZRANGE z -2 -1 WITHSCORES|ZRANGE z 3 1|ZRANGE z 0 100|ZRANGE z -100 1|ZRANGE z 0 -1 REV|ZRANGE z 0 1 REV WITHSCORES|ZRANGE z x 1|ZRANGE z 0 1 LIMIT 0 1|ZRANGE z 0 1 FOO|ZREVRANGE z 0 1|ZREVRANGE z 0 -1 WITHSCORES|ZRANGE nokey 0 -1|ZRANGE z 0",
            "ZADD z 1 a 2 b 3 c 4 d 5 e|ZRANGE z 2 4 BYSCORE|ZRANGE z (2 4 BYSCORE WITHSCORES|ZRANGE z 2 (4 BYSCORE|ZRANGE z -inf +inf BYSCORE|ZRANGE z (1 (1 BYSCORE|ZRANGE z 4 2 BYSCORE REV|ZRANGE z +inf -inf BYSCORE REV LIMIT 1 2|ZRANGE z -inf +inf BYSCORE LIMIT 1 -1|ZRANGE z -inf +inf BYSCORE LIMIT -1 2|ZRANGE z -inf +inf BYSCORE LIMIT 0 0|ZRANGE z x 2 BYSCORE|ZRANGE z nan 2 BYSCORE|ZRANGEBYSCORE z 2 4 WITHSCORES LIMIT 1 1|ZREVRANGEBYSCORE z 4 2|ZREVRANGEBYSCORE z 2 4|ZRANGEBYSCORE z (2 inf|ZRANGE z 1 2 BYSCORE BYLEX|ZRANGEBYSCORE z 1 2 BYSCORE|ZRANGEBYSCORE z 1 2 REV",
            "ZADD z 0 a 0 b 0 c 0 d 0 e|ZRANGE z [b [d BYLEX|ZRANGE z (b (d BYLEX|ZRANGE z - + BYLEX|ZRANGE z - (c BYLEX LIMIT 1 5|ZRANGE z [d [b BYLEX REV|ZRANGE z + - BYLEX REV LIMIT 0 2|ZRANGE z a b BYLEX|ZRANGE z - + BYLEX WITHSCORES|ZRANGEBYLEX z [a (c|ZREVRANGEBYLEX z [c -|ZLEXCOUNT z - +|ZLEXCOUNT z (a [c|ZLEXCOUNT z x y|ZLEXCOUNT nokey - +|ZREMRANGEBYLEX z [a (c|ZRANGE z 0 -1|ZREMRANGEBYLEX z x y",
            "ZADD z 1 a 2 b 3 c 4 d 5 e|ZCOUNT z 2 4|ZCOUNT z (2 4|ZCOUNT z -inf +inf|ZCOUNT z x 1|ZCOUNT nokey 1 2|ZRANK z c|ZRANK z nope|ZRANK nokey a|ZREVRANK z c|ZREVRANK z a|ZREM z a nope|ZREM nokey a|ZREMRANGEBYRANK z 0 0|ZREMRANGEBYRANK z -1 -1|ZREMRANGEBYRANK z x 1|ZRANGE z 0 -1|ZREMRANGEBYSCORE z (2 3|ZREMRANGEBYSCORE z x 1|ZRANGE z 0 -1 WITHSCORES|ZREMRANGEBYSCORE z -inf +inf|EXISTS z|ZREMRANGEBYRANK nokey 0 -1",
            "ZADD z 1 a 2 b 3 c|ZRANGESTORE d z 0 1|ZRANGE d 0 -1 WITHSCORES|ZRANGESTORE d z (1 +inf BYSCORE|ZRANGE d 0 -1 WITHSCORES|ZRANGESTORE d z [c - BYLEX REV|ZRANGE d 0 -1|ZRANGESTORE d z 0 1 WITHSCORES|ZRANGESTORE d nokey 0 -1|EXISTS d|ZRANGESTORE d z 5 10|EXISTS d|SET s x|ZRANGESTORE d s 0 1|ZRANGESTORE s z 0 0|TYPE s",
            "ZADD z 1 a 2 b 3 c 4 d|ZPOPMIN z|ZPOPMAX z|ZPOPMIN z 5|EXISTS z|ZPOPMIN nokey|ZPOPMIN nokey 2|ZADD z 1 a 2 b 3 c|ZPOPMAX z 2|ZPOPMIN z 0|ZPOPMIN z -1|ZPOPMIN z x|ZPOPMIN z 1 2|ZRANGE z 0 -1",
            "ZADD z 1 a 2 b 3 c|ZADD y 5 q|ZMPOP 2 nokey z MIN|ZMPOP 2 z y MAX COUNT 5|ZMPOP 1 z MIN|ZMPOP 2 nokey z MIN|ZMPOP 0 z MIN|ZMPOP x z MIN|ZMPOP 1 z FOO|ZMPOP 1 y MIN COUNT 0|ZMPOP 1 y MIN COUNT x|ZMPOP 1 y MIN COUNT 1 COUNT 1|ZMPOP 3 y MIN|ZMPOP 1 y|SET s x|ZMPOP 2 s y MIN|ZMPOP 2 y s MIN",
            "ZADD a 1 x 2 y 3 z|ZADD b 10 y 20 z 30 w|SADD s z w v|ZUNION 2 a b|ZUNION 2 a b WITHSCORES|ZUNION 2 a b WEIGHTS 2 3 WITHSCORES|ZUNION 2 a b AGGREGATE MIN WITHSCORES|ZUNION 2 a b AGGREGATE MAX WITHSCORES|ZINTER 2 a b WITHSCORES|ZINTER 2 a b WEIGHTS 1 -1 AGGREGATE SUM WITHSCORES|ZDIFF 2 a b WITHSCORES|ZDIFF 2 b a|ZUNION 3 a b s WITHSCORES|ZINTER 2 b s WITHSCORES|ZUNION 0 a|ZUNION 3 a b|ZUNION 2 a b WEIGHTS 1|ZUNION 2 a b WEIGHTS 1 x|ZUNION 2 a b AGGREGATE avg|ZDIFF 2 a b WEIGHTS 1 1|ZDIFF 2 a b AGGREGATE MIN|ZUNION 2 a nokey WITHSCORES|ZINTER 2 a nokey|SET str x|ZUNION 2 a str|ZINTER 2 nokey str|ZUNION x a",
            "ZADD a 1 x 2 y 3 z|ZADD b 10 y 20 z 30 w|ZUNIONSTORE d 2 a b WEIGHTS 1 2|ZRANGE d 0 -1 WITHSCORES|ZINTERSTORE d 2 a b AGGREGATE MAX|ZRANGE d 0 -1 WITHSCORES|ZDIFFSTORE d 2 a b|ZRANGE d 0 -1 WITHSCORES|ZINTERSTORE d 2 a nokey|EXISTS d|ZUNIONSTORE d 2 a b WITHSCORES|ZUNIONSTORE d 0 a|ZDIFFSTORE d 1|ZADD inf 1 x|ZADD inf inf x|ZUNION 2 inf inf WEIGHTS 0 1 WITHSCORES|ZADD ninf -inf x|ZUNION 2 inf ninf WITHSCORES|ZINTERCARD 2 a b|ZINTERCARD 2 a b LIMIT 1|ZINTERCARD 0 a|ZINTERCARD x a|ZINTERCARD 2 a|ZINTERCARD 1 a LIMIT -1|ZINTERCARD 1 a FOO",
            "ZADD z 1 a 2 b 3 c|~ZRANDMEMBER z 3|ZRANDMEMBER z 10 WITHSCORES|ZRANDMEMBER z 0|ZRANDMEMBER z 1 x|ZRANDMEMBER z x|ZRANDMEMBER nokey|ZRANDMEMBER nokey 3|ZADD one 2.5 m|ZRANDMEMBER one|ZRANDMEMBER one -2 WITHSCORES|ZRANDMEMBER one -9223372036854775808|ZSCAN z 0|ZSCAN z 0 MATCH a*|ZSCAN z 0 COUNT 0|ZSCAN nokey 0|ZSCAN z x|ZADD f 1.1 x|ZSCAN f 0",
            "SET s x|ZADD s 1 a|ZSCORE s a|ZRANGE s 0 -1|ZCARD s|ZINCRBY s 1 a|ZREM s a|ZRANK s a|ZPOPMIN s|ZRANDMEMBER s|ZCOUNT s 0 1|ZLEXCOUNT s - +|ZREMRANGEBYRANK s 0 1|ZSCAN s 0|ZMSCORE s a|ZADD z 1 a|GET z|INCR z|HGET z a|SADD z a|SCARD z|ZADD h 1 a|HSET h a 1|ZRANGEBYSCORE s 0 1",
            "!HELLO 3|ZADD z 1 a 2.5 b|ZSCORE z b|ZMSCORE z a x|ZRANGE z 0 -1 WITHSCORES|ZRANGE z 0 -1|ZRANGEBYSCORE z -inf +inf WITHSCORES|ZINCRBY z 1 a|ZADD z INCR 1 a|ZPOPMIN z|ZADD z 1 a|ZPOPMIN z 1|ZADD z 1 a|ZPOPMAX z 5|ZADD z 1 a 2 b|ZMPOP 1 z MIN|ZUNION 1 z WITHSCORES|ZRANDMEMBER z 5 WITHSCORES|ZSCAN z 0|ZADD z inf i|ZSCORE z i|ZRANGE nokey 0 -1 WITHSCORES|ZMPOP 1 nokey MIN|ZPOPMIN nokey",
            "ZADD z 1 a|EXPIRE z 100|ZADD z 2 b|TTL z|ZREM z a|TTL z|RENAME z y|ZRANGE y 0 -1|COPY y x|TYPE x|DEL y|SCAN 0 TYPE zset|OBJECT ENCODING x|MULTI|ZADD x 5 q|ZRANGE x 0 -1 WITHSCORES|EXEC|EVAL \"return redis.call('zrange', KEYS[1], 0, -1, 'WITHSCORES')\" 1 x|EVAL \"return redis.call('zscore', KEYS[1], 'q')\" 1 x",
            "MULTI|HSET h a 1|HINCRBY h a 2|HGET h a|HGETALL h|EXEC|EVAL \"return redis.call('hgetall', KEYS[1])\" 1 h|EVAL \"return redis.call('hincrby', KEYS[1], 'a', 1)\" 1 h",
            // lists
            "LPUSH l a b c|RPUSH l d e|LRANGE l 0 -1|LLEN l|LLEN nokey|LPUSHX nokey a|RPUSHX nokey a|EXISTS nokey|LPUSHX l z|RPUSHX l y z|LRANGE l 0 -1|TYPE l|OBJECT ENCODING l|LPUSH l|RPUSH",
            "RPUSH l 1 2 3 4 5|LPOP l|RPOP l|LPOP l 2|RPOP l 0|LPOP l 5|EXISTS l|LPOP nokey|LPOP nokey 2|RPOP nokey 0|RPUSH l a|LPOP l -1|LPOP l x|LPOP l 1 2|RPOP l 1|EXISTS l",
            "!HELLO 3|RPUSH l a b|LPOP nokey|LPOP nokey 2|RPOP l 5|LPOS nokey a|LPOS nokey a COUNT 0|LINDEX nokey 0|LMPOP 1 nokey LEFT|RPUSH l x|LMPOP 1 l RIGHT COUNT 3|LRANGE nokey 0 -1|BLPOP nokey 0.01|BLMOVE nokey d LEFT LEFT 0.01",
            "RPUSH l a b c d e|LRANGE l 1 3|LRANGE l -2 -1|LRANGE l -100 100|LRANGE l 3 1|LRANGE l 5 10|LRANGE l 0 0|LRANGE nokey 0 -1|LRANGE l a 1|LRANGE l 0 99999999999999999999",
            "RPUSH l a b c|LINDEX l 0|LINDEX l -1|LINDEX l 3|LINDEX l -4|LINDEX l x|LINDEX nokey 0|LINDEX nokey x|LSET l 1 B|LSET l -1 C|LSET l 3 x|LSET l x y|LSET nokey 0 a|LRANGE l 0 -1|SET s x|LSET s 0 a|LINDEX s 0|LLEN s|LPUSH s a|LPOP s|LRANGE s 0 1",
            "RPUSH l a b c b|LINSERT l BEFORE b X|LINSERT l after b Y|LINSERT l BEFORE nope Z|LINSERT l MIDDLE a Z|LINSERT nokey BEFORE a b|LINSERT nokey MIDDLE a b|EXISTS nokey|LRANGE l 0 -1",
            "RPUSH l a b a c a d a|LREM l 2 a|LRANGE l 0 -1|LREM l -1 a|LRANGE l 0 -1|LREM l 0 a|LRANGE l 0 -1|LREM l 0 zz|LREM nokey 1 a|LREM l x a|LREM l 0 b|LREM l 0 c|LREM l 0 d|EXISTS l",
            "RPUSH l a b c d e|LTRIM l 1 -2|LRANGE l 0 -1|LTRIM l -100 100|LRANGE l 0 -1|LTRIM l 2 1|EXISTS l|LTRIM nokey 0 1|LTRIM l x 1|RPUSH m 1 2 3|LTRIM m 0 0|LRANGE m 0 -1|LTRIM m 5 10|EXISTS m",
            "RPUSH l a b c 1 2 3 c c|LPOS l c|LPOS l c RANK 2|LPOS l c RANK -1|LPOS l c COUNT 2|LPOS l c COUNT 0|LPOS l c RANK -1 COUNT 2|LPOS l c MAXLEN 1|LPOS l c COUNT 0 MAXLEN 3|LPOS l c RANK 0|LPOS l c COUNT -1|LPOS l c MAXLEN -1|LPOS l c RANK x|LPOS l c FOO 1|LPOS l c COUNT|LPOS l zz|LPOS l zz COUNT 0|LPOS l c RANK 10|LPOS l c RANK -2 MAXLEN 2",
            "RPUSH a 1 2 3|RPUSH b x|LMOVE a b LEFT RIGHT|LMOVE a b RIGHT LEFT|LRANGE a 0 -1|LRANGE b 0 -1|LMOVE a b UP LEFT|LMOVE nokey b LEFT LEFT|RPOPLPUSH a a|LRANGE a 0 -1|RPOPLPUSH a c|EXISTS a|LRANGE c 0 -1|SET s x|LMOVE c s LEFT LEFT|LMOVE s c LEFT LEFT|RPOPLPUSH nokey s|LRANGE c 0 -1",
            "RPUSH r 1|EXPIRE r 100|LMOVE r r LEFT RIGHT|TTL r|RPUSH a 1 2 3|RPUSH b 4|LMPOP 2 nokey a LEFT|LMPOP 2 a b RIGHT COUNT 5|LMPOP 2 a b RIGHT COUNT 5|LMPOP 2 a b RIGHT|LMPOP 0 a LEFT|LMPOP x a LEFT|LMPOP 3 a LEFT|LMPOP 1 a MIDDLE|LMPOP 1 a LEFT COUNT 0|LMPOP 1 a LEFT COUNT 1 COUNT 2|LMPOP 1 a LEFT FOO|SET s x|LMPOP 1 s LEFT|LMPOP",
            "RPUSH l a b|BLPOP l 0|BRPOP l 0|BLPOP l nokey 0.01|BRPOP nokey 0.01|BLPOP nokey -1|BLPOP nokey x|BLPOP nokey 1d|BLPOP nokey inf|SET s x|BLPOP s 0|BLPOP nokey s 0|RPUSH l a|BLPOP nokey l 0|BLMPOP 0.01 1 nokey LEFT|RPUSH l a b c|BLMPOP 0 2 nokey l RIGHT COUNT 2|BLMPOP x 1 l LEFT|BLMPOP 0 0 l LEFT|BLMPOP -1 1 l LEFT",
            "RPUSH a 1 2|BRPOPLPUSH a b 0|BLMOVE a b LEFT LEFT 0|LRANGE b 0 -1|BLMOVE a b LEFT LEFT 0.01|BRPOPLPUSH a b 0.01|BLMOVE a b UP LEFT 0|BLMOVE a b LEFT LEFT x|SET s x|BRPOPLPUSH s b 0|BRPOPLPUSH b s 0|EXISTS a",
            "ZADD z 1 a 2 b 3 c|BZPOPMIN z 0|BZPOPMAX z 0|BZPOPMIN nokey z 0.01|BZPOPMAX nokey 0.01|BZPOPMIN z -1|BZPOPMIN z x|SET s x|BZPOPMIN s 0|ZADD z 1 a 2 b|BZMPOP 0 2 nokey z MAX COUNT 5|BZMPOP 0.01 1 z MIN|BZMPOP 0 0 z MIN|BZMPOP x 1 z MIN|BZMPOP 0 1 z MIDDLE|ZADD z 1 a|ZMPOP 1 z MIN COUNT 2|ZMPOP 1 z MIN COUNT 0",
            "!HELLO 3|ZADD z 1.5 a 2 b|BZPOPMIN z 0|BZMPOP 0 1 z MAX|BZPOPMAX z 0.01|BZMPOP 0.01 1 z MIN|MULTI|BZPOPMIN nokey 0|BZMPOP 0 1 nokey MIN|EXEC",
            "CLIENT UNBLOCK 999999|CLIENT UNBLOCK x|CLIENT UNBLOCK 1 FOO|CLIENT UNBLOCK x FOO|CLIENT UNBLOCK 1 TIMEOUT|CLIENT UNBLOCK 1 error|CLIENT UNBLOCK|CLIENT UNBLOCK 1 2 3",
            "MULTI|BLPOP nokey 0|BRPOP nokey 10|BLMOVE nokey d LEFT LEFT 0|BRPOPLPUSH nokey d 0|BLMPOP 0 1 nokey LEFT|RPUSH l x|BLPOP l 0|EXEC|EVAL \"return redis.pcall('blpop','nokey',0)\" 0|EVAL \"return redis.call('lpush','q','a')\" 0|EVAL \"return redis.call('blmpop',0,1,'q','left')\" 0",
    })
    void script_repliesMatchRedis(String script) throws Exception {
        // "!CMD": sent to both, replies not compared (HELLO names the server); "~CMD": the
        // top-level elements compared in any order (Redis's hashtable order is its own).
        DifferentialScript.run(servers.redis().port(), servers.augur().port(), script);
    }
}
