package io.augur.server.command;

import io.augur.server.testing.RunningServer;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lettuce.core.KeyValue;
import io.lettuce.core.ScoredValue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SPOP, SRANDMEMBER, HRANDFIELD and ZRANDMEMBER on a collection past the compact threshold draw
 * from its pages: what they return are members (distinct where Redis makes them distinct) with
 * their own values and scores, and SPOP removes exactly those. The draws are random, so this
 * checks what Redis promises, not which members come out.
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

    @Test
    void randomFieldsOfALargeHash_comeWithTheirOwnValues() throws Exception {
        try (RunningServer server = RunningServer.start(dir)) {
            RedisCommands<String, String> redis = server.lettuce();
            Map<String, String> hash = new HashMap<>();
            for (int i = 0; i < 2000; i++) {
                hash.put("field-" + i, "value-" + i * 7);
            }
            redis.hset("h", hash);
            assertThat(redis.objectEncoding("h")).isEqualTo("hashtable");

            List<KeyValue<String, String>> distinct = redis.hrandfieldWithvalues("h", 300);
            assertThat(distinct).hasSize(300);
            assertThat(distinct.stream().map(KeyValue::getKey).distinct().count()).isEqualTo(300);
            distinct.forEach(kv -> assertThat(kv.getValue()).isEqualTo(hash.get(kv.getKey())));
            List<KeyValue<String, String>> repeats = redis.hrandfieldWithvalues("h", -900);
            assertThat(repeats).hasSize(900);
            repeats.forEach(kv -> assertThat(kv.getValue()).isEqualTo(hash.get(kv.getKey())));
            assertThat(redis.hrandfield("h", 200)).hasSize(200).doesNotHaveDuplicates();
            assertThat(hash).containsKey(redis.hrandfield("h"));
            assertThat(redis.hlen("h")).isEqualTo(2000);
        }
    }

    @Test
    void randomMembersOfALargeSortedSet_comeWithTheirOwnScores() throws Exception {
        try (RunningServer server = RunningServer.start(dir)) {
            RedisCommands<String, String> redis = server.lettuce();
            Map<String, Double> scores = new HashMap<>();
            for (int i = 0; i < 2000; i++) {
                scores.put("member-" + i, i * 1.5 - 700);
                redis.zadd("z", i * 1.5 - 700, "member-" + i);
            }
            assertThat(redis.objectEncoding("z")).isEqualTo("skiplist");

            List<ScoredValue<String>> distinct = redis.zrandmemberWithScores("z", 300);
            assertThat(distinct).hasSize(300);
            assertThat(distinct.stream().map(ScoredValue::getValue).distinct().count()).isEqualTo(300);
            distinct.forEach(sv -> assertThat(sv.getScore()).isEqualTo(scores.get(sv.getValue())));
            List<ScoredValue<String>> repeats = redis.zrandmemberWithScores("z", -900);
            assertThat(repeats).hasSize(900);
            repeats.forEach(sv -> assertThat(sv.getScore()).isEqualTo(scores.get(sv.getValue())));
            assertThat(redis.zrandmember("z", 200)).hasSize(200).doesNotHaveDuplicates();
            assertThat(scores).containsKey(redis.zrandmember("z"));
            assertThat(redis.zcard("z")).isEqualTo(2000);
        }
    }
}
