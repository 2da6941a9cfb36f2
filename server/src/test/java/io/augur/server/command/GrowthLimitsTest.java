package io.augur.server.command;

import io.augur.server.testing.AugurServerExtension;
import io.augur.server.testing.DifferentialScript;
import io.augur.server.testing.RawClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Commands that grow a value to an offset the client names (SETBIT, SETRANGE, BITFIELD) and LCS's
 * table: within Redis's limits but past what Augur stores, they get an error before anything is
 * allocated, and the server and the key stay as they were.
 */
class GrowthLimitsTest {

    @RegisterExtension
    static final AugurServerExtension augur = new AugurServerExtension();
    RedisCommands<String, String> redis;

    @BeforeEach
    void flush() {
        redis = augur.redis();
        redis.flushall();
    }

    @Test
    void setbitAndSetrange_pastMaxValueSize_areRefusedAndTheKeyIsUnchanged() {
        redis.set("k", "abc");
        assertThatThrownBy(() -> redis.setbit("k", 4_294_967_295L, 1))
                .isInstanceOf(RedisCommandExecutionException.class)
                .hasMessage("ERR value too large: value of 536870912 bytes (max-value-size 16777216)");
        assertThatThrownBy(() -> redis.setrange("k", 536_870_911L, "x"))
                .isInstanceOf(RedisCommandExecutionException.class).hasMessageContaining("max-value-size");
        assertThatThrownBy(() -> redis.setbit("new", 200_000_000L, 1))
                .isInstanceOf(RedisCommandExecutionException.class).hasMessageContaining("max-value-size");
        assertThat(redis.get("k")).isEqualTo("abc");
        assertThat(redis.exists("new")).isZero();
        assertThat(redis.setbit("k", 16L * 1024 * 1024 * 8 - 1, 1)).isZero(); // the last bit that fits
        assertThat(redis.strlen("k")).isEqualTo(16L * 1024 * 1024);
    }

    @Test
    void bitfield_pastMaxValueSize_isRefused() throws Exception {
        try (RawClient raw = new RawClient(augur.server().port())) {
            assertThat(DifferentialScript.exchange(raw, "BITFIELD k SET u8 #536870911 1", false))
                    .startsWith("-ERR value too large");
            assertThat(DifferentialScript.exchange(raw, "EXISTS k", false)).isEqualTo(":0\r\n");
            assertThat(DifferentialScript.exchange(raw, "BITFIELD k GET u8 #536870911", false)).isEqualTo("*1\r\n:0\r\n");
        }
    }

    @Test
    void lcs_tablePastProtoMaxBulkLen_isRefusedAsRedis() {
        redis.set("a", "x".repeat(12_000));
        redis.set("b", "y".repeat(12_000)); // (12,001)^2 * 4 bytes > 512 MB
        assertThatThrownBy(() -> redis.lcs(io.lettuce.core.LcsArgs.Builder.keys("a", "b")))
                .isInstanceOf(RedisCommandExecutionException.class)
                .hasMessage("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
        redis.set("b", "x".repeat(100));
        assertThat(redis.lcs(io.lettuce.core.LcsArgs.Builder.keys("a", "b").justLen()).getLen()).isEqualTo(100);
    }
}
