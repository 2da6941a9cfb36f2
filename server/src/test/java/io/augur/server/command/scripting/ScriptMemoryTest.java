package io.augur.server.command.scripting;

import io.augur.server.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A script cannot take the server's memory: with the heap `./augur serve` starts with, one huge
 * allocation and a table that keeps growing each get an error, and the connection, the data and
 * the next script are fine.
 */
class ScriptMemoryTest {

    @TempDir
    Path dir;

    @Test
    void scriptsThatExhaustTheHeap_getAnError_andTheServerGoesOn() throws Exception {
        try (ServerProcess server = ServerProcess.startWithJvmFlags(ServerProcess.launcherServerFlags(),
                dir.resolve("data"), dir.resolve("server.log"));
             Jedis jedis = new Jedis("127.0.0.1", server.port(), 120_000)) {
            jedis.set("kept", "v");
            assertThatThrownBy(() -> jedis.eval("return string.len(string.rep('x', 2^30))"))
                    .isInstanceOf(JedisDataException.class).hasMessageContaining("out of memory");
            assertThatThrownBy(() -> jedis.eval("local t = {} for i = 1, 1e9 do t[i] = string.rep('x', 1000) .. i end return #t"))
                    .isInstanceOf(JedisDataException.class).hasMessageContaining("out of memory");
            assertThatThrownBy(() -> jedis.eval(
                    "local ok = pcall(function() local t = {} for i = 1, 1e9 do t[i] = string.rep('y', 1000) .. i end end) return 1"))
                    .as("pcall does not swallow it").isInstanceOf(JedisDataException.class)
                    .hasMessageContaining("out of memory");
            assertThat(jedis.get("kept")).isEqualTo("v");
            assertThat(jedis.eval("return 1 + 1")).isEqualTo(2L);
        }
    }
}
