package io.augur.server.store;

import io.augur.server.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Values of 16 MB with the settings `./augur serve` starts with (default max-value-size, store
 * size and heap), over Jedis: stored and read back byte for byte among many small keys, counted
 * in used_memory, and one byte more refused with an error that leaves the connection usable.
 */
class LargeValueTest {

    private static final int SIXTEEN_MB = 16 << 20;

    @TempDir
    Path dir;

    @Test
    void defaultServer_storesSixteenMegabyteValues_amongSmallKeys() throws Exception {
        try (ServerProcess server = ServerProcess.startWithJvmFlags(ServerProcess.launcherServerFlags(),
                dir.resolve("data"), dir.resolve("server.log"));
             Jedis jedis = new Jedis("127.0.0.1", server.port(), 30_000)) {
            Pipeline pipeline = jedis.pipelined();
            for (int i = 0; i < 20_000; i++) {
                pipeline.set("small:" + i, "v".repeat(100));
            }
            pipeline.sync();
            long before = usedMemory(jedis);

            Random random = new Random(16);
            byte[][] values = new byte[3][SIXTEEN_MB];
            for (int i = 0; i < values.length; i++) {
                random.nextBytes(values[i]);
                assertThat(jedis.set(key(i), values[i])).isEqualTo("OK");
            }
            for (int i = 0; i < values.length; i++) {
                assertThat(jedis.get(key(i))).as("value %d", i).isEqualTo(values[i]);
            }
            assertThat(usedMemory(jedis) - before).isGreaterThanOrEqualTo(3L * SIXTEEN_MB);

            random.nextBytes(values[0]);
            jedis.set(key(0), values[0]); // an overwrite in place of an entry that size
            assertThat(jedis.get(key(0))).isEqualTo(values[0]);
            assertThat(jedis.strlen(key(1))).isEqualTo(SIXTEEN_MB);
            assertThat(jedis.get("small:19999")).isEqualTo("v".repeat(100));

            assertThatThrownBy(() -> jedis.set(key(9), new byte[SIXTEEN_MB + 1]))
                    .isInstanceOf(JedisDataException.class).hasMessageContaining("max-value-size");
            assertThatThrownBy(() -> jedis.append(key(1), new byte[1]))
                    .isInstanceOf(JedisDataException.class).hasMessageContaining("max-value-size");
            assertThat(jedis.ping()).isEqualTo("PONG");
            assertThat(jedis.exists(key(9))).isFalse();
            assertThat(jedis.strlen(key(1))).isEqualTo(SIXTEEN_MB);

            assertThat(jedis.del(key(0), key(1), key(2))).isEqualTo(3);
            assertThat(usedMemory(jedis)).isLessThan(before + SIXTEEN_MB);
        }
    }

    private static byte[] key(int i) {
        return ("big:" + i).getBytes(StandardCharsets.US_ASCII);
    }

    private static long usedMemory(Jedis jedis) {
        for (String line : jedis.info("memory").split("\r\n")) {
            if (line.startsWith("used_memory:")) {
                return Long.parseLong(line.substring("used_memory:".length()));
            }
        }
        throw new AssertionError("no used_memory in INFO memory");
    }
}
