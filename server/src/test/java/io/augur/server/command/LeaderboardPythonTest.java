package io.augur.server.command;

import io.augur.server.testing.AugurServerExtension;
import io.augur.server.testing.RedisPyScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A leaderboard driven by redis-py (Debian's python3-redis) against the real server; skipped only without it. */
class LeaderboardPythonTest {

    @RegisterExtension
    static final AugurServerExtension augur = new AugurServerExtension();

    @Test
    void redisPyLeaderboard_matchesItsModel() throws Exception {
        RedisPyScript.run(LeaderboardPythonTest.class, "leaderboard.py", augur.server().port(), "leaderboard ok: ");
    }
}
