package io.augur.server.command;

import io.augur.server.testing.RunningServer;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPOP and SRANDMEMBER on a set past the compact threshold draw from its pages: what they return
 * are members (distinct where Redis makes them distinct), and SPOP removes exactly those. The
 * draws are random, so this checks what Redis promises, not which members come out.
 */
class LargeSetDrawsTest {

    @TempDir
    Path dir;

    @Test
    void popsAndDrawsOfALargeSet_areDistinctMembers_andPopsRemoveExactlyThem() throws Exception {
        try (RunningServer server = RunningServer.start(dir)) {
            RedisCommands<String, String> redis = server.lettuce();
            Set<String> members = new HashSet<>();
            for (int i = 0; i < 2000; i++) {
                members.add("member-" + i);
            }
            redis.sadd("s", members.toArray(String[]::new));
            assertThat(redis.objectEncoding("s")).isEqualTo("hashtable");

            Set<String> popped = redis.spop("s", 300);
            assertThat(popped).hasSize(300);
            assertThat(members).containsAll(popped);
            assertThat(redis.scard("s")).isEqualTo(1700);
            assertThat(redis.smismember("s", popped.toArray(String[]::new))).containsOnly(false);
            members.removeAll(popped);

            String one = redis.spop("s");
            assertThat(members).contains(one);
            assertThat(redis.sismember("s", one)).isFalse();
            members.remove(one);
            assertThat(redis.scard("s")).isEqualTo(members.size());

            List<String> distinct = redis.srandmember("s", 400);
            assertThat(distinct).hasSize(400).doesNotHaveDuplicates();
            assertThat(members).containsAll(distinct);
            List<String> repeats = redis.srandmember("s", -700);
            assertThat(repeats).hasSize(700);
            assertThat(members).containsAll(repeats);
            assertThat(members).contains(redis.srandmember("s"));
            assertThat(redis.scard("s")).as("draws leave the set as it was").isEqualTo(members.size());
            assertThat(redis.smembers("s")).isEqualTo(members);

            // Past half the set, the whole-set path: every member, then none left.
            assertThat(redis.srandmember("s", 5000)).hasSize(members.size());
            assertThat(redis.spop("s", 5000)).isEqualTo(members);
            assertThat(redis.exists("s")).isZero();
        }
    }
}
