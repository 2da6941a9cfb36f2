package io.augur.server.command.scripting;

import io.augur.server.testing.RawClient;
import io.augur.server.testing.RedisBesideAugur;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scripts using the libraries Redis bundles with Lua (struct), sent to Debian's redis-server and to
 * Augur: the replies must be byte-identical. The formats are the ones Redisson's scripts use.
 */
class ScriptLibrariesDifferentialTest {

    @RegisterExtension
    static final RedisBesideAugur servers = new RedisBesideAugur();

    @ParameterizedTest
    @ValueSource(strings = {
            // Redisson's shapes: length-prefixed strings, a double and a length-prefixed string
            "return struct.pack('Lc0Lc0', string.len(ARGV[1]), ARGV[1], string.len(ARGV[2]), ARGV[2])",
            "local v = struct.pack('Lc0Lc0', 3, 'abc', 2, 'xy') local a, b, c, d, n = struct.unpack('Lc0Lc0', v) return {a, b, c, n}",
            "local v = struct.pack('dLc0', 1.5, 5, 'hello') local d, s, n = struct.unpack('dLc0', v) return {d * 2, s, n}",
            "local v = struct.pack('Bc0Lc0', 4, 'four', 3, 'abc') return {struct.unpack('Bc0Lc0', v)}",
            "local v = struct.pack('BBc0Lc0Lc0', 1, 2, 'xy', 1, 'z', 0, '') return {struct.unpack('BBc0Lc0Lc0', v)}",
            "return {struct.unpack('Bc0I', struct.pack('Bc0I', 3, 'abc', 77))}",
            "return struct.pack('Lc0Lc0hd', 1, 'a', 1, 'b', -2, 0.25)",
            // cjson (BullMQ's and rate limiters' shapes; objects of one key: lua-cjson's key order is the table's)
            "return cjson.encode({1, 2, 3})",
            "return cjson.encode({a = 1})",
            "return cjson.encode({job = {id = 7, data = {1, 2, {path = 'a/b'}}, done = false}})",
            "return cjson.encode({})",
            "return cjson.encode({1, nil, 3})",
            "return cjson.encode(1.5) .. ' ' .. cjson.encode(0.1) .. ' ' .. cjson.encode(1e20) .. ' ' .. cjson.encode(123456789012345)",
            "return cjson.encode(-0.00001) .. ' ' .. cjson.encode(0.1 + 0.2) .. ' ' .. cjson.encode(1e14) .. ' ' .. cjson.encode(12345678901234) .. ' ' .. cjson.encode(-7)",
            "return cjson.encode('quote \" back \\\\ tab \t nl \n ctl \1 end')",
            "return cjson.encode(true) .. cjson.encode(cjson.null) .. cjson.encode(nil)",
            "return cjson.encode({[1] = 'a', [2] = 'b', [5] = 'e'})",
            "local t = cjson.decode('{\"a\":[1,2.5,null,\"x\",true]}') return {t.a[1], t.a[2] * 2, t.a[4], type(t.a[3]), tostring(t.a[5])}",
            "local t = cjson.decode('[\"\\u00e9\", \"\\/\", {\"k\": {\"n\": 3}}]') return {t[1], t[2], t[3].k.n}",
            "return cjson.encode(cjson.decode('{\"k\":[1,\"v\",{\"n\":1.25}]}'))",
            "return type(cjson.decode('null')) .. ' ' .. cjson.decode('5') .. ' ' .. cjson.decode('\"s\"')",
            "local ok = pcall(cjson.decode, '[1,2') local ok2 = pcall(cjson.decode, '{\"a\":1} x') local ok3 = pcall(cjson.encode, {[1] = 1, [20] = 2}) return {tostring(ok), tostring(ok2), tostring(ok3)}",
            "local ok = pcall(cjson.encode, 0/0) local ok2 = pcall(cjson.encode, function() end) local ok3 = pcall(cjson.encode, {[true] = 1}) return {tostring(ok), tostring(ok2), tostring(ok3)}",
            // bit (LuaBitOp): signed 32-bit results
            "return {bit.band(0xff, 0x0f), bit.bor(1, 2, 4), bit.bxor(5, 3), bit.bnot(0), bit.tobit(0xffffffff), bit.tobit(2^32 + 5)}",
            "return {bit.lshift(1, 31), bit.rshift(-1, 28), bit.arshift(-256, 4), bit.rol(0x12345678, 8), bit.ror(0x12345678, 8), bit.bswap(0x12345678)}",
            "return {bit.tohex(255), bit.tohex(-1), bit.tohex(0x1234abcd, 4), bit.tohex(0x1234abcd, -4), bit.lshift(1, 33), bit.tobit(1.5), bit.tobit(2.5), bit.tobit(-1.5)}",
            // cmsgpack (BullMQ packs job options with it): integers, floats, strings, arrays, one-key maps
            "return cmsgpack.pack(0, 127, 128, 255, 256, 65535, 65536, 4294967296, -1, -32, -33, -128, -129, -32768, -32769, -2147483648, -2147483649)",
            "return cmsgpack.pack(1.5, 0.1, -2.25, 1e300, true, false, nil, 'short', string.rep('x', 40), string.rep('y', 300))",
            "return cmsgpack.pack({1, 2, {3, 'four'}}, {}, {a = 1}, {[1] = 'x', [3] = 'z'}, {delay = 0, attempts = 3 > 2})",
            "local a, b, c, d = cmsgpack.unpack(cmsgpack.pack(42, 'str', {1, {2, 3}}, {k = 'v'})) return {a, b, c[1], c[2][2], d.k}",
            "local t = cmsgpack.unpack(cmsgpack.pack({-1.5, 2^40, -2^40, 0.1})) return {tostring(t[1]), tostring(t[2]), tostring(t[3]), tostring(t[4])}",
            "return {cmsgpack.unpack(cmsgpack.pack(string.rep('z', 70000)))}",
            "local ok = pcall(cmsgpack.unpack, '\\205\\1') local ok2 = pcall(cmsgpack.pack) return {tostring(ok), tostring(ok2)}",
            // integers: sizes, signs, endianness, alignment
            "return struct.pack('>i2<i2bBhH', 258, 258, -1, 255, -300, 65535)",
            "return {struct.unpack('>i2<i2bBhH', struct.pack('>i2<i2bBhH', 258, 258, -1, 255, -300, 65535))}",
            "return {struct.unpack('i3I3', struct.pack('i3I3', -5, 70000))}",
            "return {struct.unpack('l', struct.pack('l', -123456789012))}",
            "return struct.pack('!4bi', 1, 2)",
            "return {struct.size('!4bi'), struct.size('bhld'), struct.size('c10x'), struct.size('I16')}",
            "return struct.pack('s', 'zero') .. struct.pack('x') .. struct.pack('c3', 'abcdef')",
            "return {struct.unpack('sB', struct.pack('sB', 'str', 9))}",
            "return {struct.unpack('b', '\\255\\1', 2)}",
            "return struct.pack('f', 0.5)",
            // errors (also in tail position: Augur compiles tail calls as plain calls to keep the line)
            "return struct.pack('q', 1)", "return struct.unpack('L', 'abc')",
            "local r = struct.pack('q', 1) return r",
            "local r = struct.unpack('L', 'abc') return r",
            "local r = struct.unpack('c0', 'abc') return r",
            "local r = struct.size('s') return r",
            "local r = struct.size('c0') return r",
            "local r = struct.pack('i40', 1) return r",
            "local r = struct.pack('c5', 'ab') return r",
            "local r = struct.pack('!3i', 1) return r",
            "local r = struct.unpack('s', 'abc') return r",
            "local r = struct.unpack('b', 'abc', 0) return r",
    })
    void script_repliesMatchRedis(String body) throws Exception {
        String command = "EVAL \"" + body.replace("\"", "\\\"") + "\" 0 ab xyz\r\n";
        assertThat(reply(servers.augur().port(), command)).isEqualTo(reply(servers.redis().port(), command));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            // (luaj's own texts differ for a few runtime errors: "attempt to perform arithmetic __add on nil")
            "error('boom')", "return redis.call('nosuch')", "return redis.call('get')",
            "redis.call('set', 'k', 'v') return redis.call('incr', 'k')", "return error({err='MY custom'})",
            "return redis.error_reply('BAD thing')", "x = 1",
            "return redis.call('set', 'k')", "\n\nerror('third line')", "return redis.pcall('incr', 'k', 'x')",
            "local ok = redis.call('subscribe', 'x') return ok", "return struct",
    })
    void errors_matchRedisWithTheirLine(String body) throws Exception {
        String command = "EVAL \"" + body.replace("\"", "\\\"") + "\" 0\r\n";
        assertThat(fullReply(servers.augur().port(), command)).isEqualTo(fullReply(servers.redis().port(), command));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "SET k v", "EVAL_RO \"return redis.call('set','k','v')\" 1 k", "EVAL_RO \"return redis.pcall('set','k','v')\" 1 k",
            "EVAL_RO \"return redis.call('get','k')\" 1 k", "EVAL_RO \"return redis.call('publish','c','m')\" 0",
            "EVAL_RO \"return 1\" -1", "SCRIPT LOAD \"return redis.call('del','k')\"",
            "EVALSHA_RO b0c3ee9a68227b63e0d7c57ba3a0514894783ea5 1 k", "EVALSHA_RO nosuchsha 0",
            "SCRIPT LOAD \"return redis.call('get','k')\"", "EVALSHA_RO 496368505412ccb8a568d43cf5c46b9910905b08 1 k",
            "EVAL_RO \"return redis.call('ttl','k')\" 1 k", "EVAL_RO", "GET k",
    })
    void readOnlyScripts_matchRedis(String command) throws Exception {
        assertThat(fullReply(servers.augur().port(), command + "\r\n")).isEqualTo(fullReply(servers.redis().port(), command + "\r\n"));
    }

    private static String fullReply(int port, String command) throws Exception {
        try (RawClient client = new RawClient(port)) {
            return client.send(command).readReply();
        }
    }

    private static String reply(int port, String command) throws Exception {
        try (RawClient client = new RawClient(port)) {
            String reply = client.send(command).readReply();
            // An error names the script's SHA and line; both servers agree there, but the message
            // before it comes from each Lua library: compare the part up to "script:".
            int script = reply.indexOf(" script: ");
            return reply.startsWith("-") && script > 0 ? reply.substring(0, script) : reply;
        }
    }
}
