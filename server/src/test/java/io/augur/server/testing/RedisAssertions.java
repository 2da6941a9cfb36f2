package io.augur.server.testing;

import io.lettuce.core.RedisCommandExecutionException;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Assertions on what a client sees. */
public final class RedisAssertions {

    private RedisAssertions() {
    }

    /** The call fails with exactly this Redis error text. */
    public static void assertError(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOf(RedisCommandExecutionException.class).hasMessage(message);
    }
}
