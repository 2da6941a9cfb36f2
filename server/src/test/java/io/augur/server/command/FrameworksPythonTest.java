package io.augur.server.command;

import io.augur.server.testing.AugurServerExtension;
import io.augur.server.testing.RedisPyScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What Django's Redis cache and redis-py's Lock send (Debian's python3-redis over the wire): a
 * transactional set_many with timeouts, get_many, a WATCH transaction, and Lock acquire / extend /
 * release through EVALSHA. Skipped only without python3-redis.
 */
class FrameworksPythonTest {

    @RegisterExtension
    static final AugurServerExtension augur = new AugurServerExtension();

    @Test
    void djangoCacheAndRedisPyLock_behaveAsOnRedis() throws Exception {
        RedisPyScript.run(FrameworksPythonTest.class, "frameworks.py", augur.server().port(), "frameworks ok: ");
    }
}
