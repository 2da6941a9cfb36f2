package io.augur.server.sharding;

import io.augur.server.testing.NutcrackerProcess;
import io.augur.server.testing.RedisCli;
import io.augur.server.testing.RunningServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Three Augur nodes behind twemproxy (nutcracker, Redis mode, ketama over murmur), the way
 * deploy/compose.yml's `sharded` profile and deploy/k8s/sharded/ run them: clients talk to the
 * proxy with redis-cli, the keys spread over the nodes, and every key lives on exactly one node.
 */
class TwemproxyShardingTest {

    static final int KEYS = 200;

    @TempDir
    static Path dir;
    static final List<RunningServer> nodes = new ArrayList<>();
    static NutcrackerProcess proxy;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(NutcrackerProcess.installed(), "nutcracker is not installed (apt-get install nutcracker)");
        assumeTrue(RedisCli.installed(), "redis-cli is not installed (apt-get install redis-tools)");
        for (int i = 1; i <= 3; i++) {
            nodes.add(RunningServer.start(dir.resolve("node" + i)));
        }
        proxy = NutcrackerProcess.start(Files.createDirectories(dir.resolve("proxy")),
                nodes.stream().map(RunningServer::port).toList());
        String replies = RedisCli.runWithInput(proxy.port(), commands(i -> "SET key:" + i + " value-" + i));
        assertThat(replies.lines().filter("OK"::equals).count()).as("SET replies through the proxy: %s", replies)
                .isEqualTo(KEYS);
    }

    @AfterAll
    static void stop() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        nodes.forEach(RunningServer::close);
    }

    static byte[] commands(java.util.function.IntFunction<String> command) {
        return IntStream.rangeClosed(1, KEYS).mapToObj(command)
                .collect(Collectors.joining("\n", "", "\n")).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void getThroughProxy_afterSetThroughProxy_returnsEveryValue() throws Exception {
        List<String> values = RedisCli.runWithInput(proxy.port(), commands(i -> "GET key:" + i)).lines().toList();
        assertThat(values).containsExactlyElementsOf(
                IntStream.rangeClosed(1, KEYS).mapToObj(i -> "value-" + i).toList());
    }

    @Test
    void mgetThroughProxy_overKeysOnAllNodes_returnsTheValuesInTheOrderAsked() throws Exception {
        String[] args = {"MGET", "key:7", "key:1", "absent", "key:200", "key:42"};
        assertThat(RedisCli.run(proxy.port(), args).lines().toList())
                .containsExactly("value-7", "value-1", "", "value-200", "value-42");
    }

    @Test
    void dbsizeOfEachNode_afterWritesThroughProxy_isANonTrivialShareAndTheSharesAddUp() throws Exception {
        List<Long> sizes = new ArrayList<>();
        for (RunningServer node : nodes) {
            sizes.add(Long.parseLong(node.redisCli("DBSIZE").strip()));
        }
        // Ketama with three equal weights: each node near a third; a fifth is the floor here.
        assertThat(sizes).as("keys per node").allSatisfy(size -> assertThat(size).isGreaterThanOrEqualTo(KEYS / 5));
        assertThat(sizes.stream().mapToLong(Long::longValue).sum()).as("keys over all nodes").isEqualTo(KEYS);
    }

    @Test
    void eachKey_afterWritesThroughProxy_livesOnExactlyOneNode() throws Exception {
        int[] copies = new int[KEYS + 1];
        for (RunningServer node : nodes) {
            List<String> exists = RedisCli.runWithInput(node.port(), commands(i -> "EXISTS key:" + i)).lines().toList();
            for (int i = 1; i <= KEYS; i++) {
                copies[i] += Integer.parseInt(exists.get(i - 1).strip());
            }
        }
        assertThat(IntStream.rangeClosed(1, KEYS).filter(i -> copies[i] != 1).boxed().toList())
                .as("keys not on exactly one node").isEmpty();
    }

    @Test
    void delThroughProxy_removesTheKeyFromItsNode() throws Exception {
        assertThat(RedisCli.run(proxy.port(), "SET", "doomed", "x").strip()).isEqualTo("OK");
        assertThat(RedisCli.run(proxy.port(), "DEL", "doomed").strip()).isEqualTo("1");
        for (RunningServer node : nodes) {
            assertThat(node.redisCli("EXISTS", "doomed").strip()).isEqualTo("0");
        }
    }
}
