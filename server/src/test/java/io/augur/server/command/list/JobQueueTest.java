package io.augur.server.command.list;

import io.augur.server.testing.Await;
import io.augur.server.testing.RunningServer;
import io.augur.server.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** A job queue as Sidekiq or Celery use one, with Jedis: LPUSH by a producer, BRPOP by three consumers. */
class JobQueueTest {

    private static final int JOBS = 10_000;
    private static final int CONSUMERS = 3;
    private static final String STOP = "stop";

    @TempDir
    Path dir;

    /** Pops jobs with BRPOP until it pops a stop marker or the connection breaks; records every job it got. */
    private static Thread consumer(int port, Queue<String> popped) {
        Thread t = new Thread(() -> {
            try (Jedis jedis = new Jedis("127.0.0.1", port, 10_000)) {
                while (true) {
                    List<String> reply = jedis.brpop(0, "jobs");
                    if (reply.get(1).equals(STOP)) {
                        return;
                    }
                    popped.add(reply.get(1));
                }
            } catch (JedisException connectionLost) {
                // the server was killed: what this consumer acknowledged is in popped
            }
        });
        t.start();
        return t;
    }

    @Test
    void tenThousandJobs_threeBlockingConsumers_eachJobPoppedExactlyOnce() throws Exception {
        try (RunningServer augur = RunningServer.start(dir)) {
            int port = augur.server().port();
            Queue<String> popped = new ConcurrentLinkedQueue<>();
            List<Thread> consumers = new ArrayList<>();
            for (int i = 0; i < CONSUMERS; i++) {
                consumers.add(consumer(port, popped));
            }
            try (Jedis producer = new Jedis("127.0.0.1", port)) {
                for (int i = 0; i < JOBS; i++) {
                    producer.lpush("jobs", "job-" + i);
                }
                Await.until("all jobs consumed", popped::size, n -> n >= JOBS);
                for (int i = 0; i < CONSUMERS; i++) {
                    producer.lpush("jobs", STOP);
                }
            }
            for (Thread t : consumers) {
                t.join();
            }
            assertThat(popped).hasSize(JOBS);
            assertThat(new HashSet<>(popped)).hasSize(JOBS);
            assertThat(augur.lettuce().exists("jobs")).isZero();
        }
    }

    @Test
    void kill9WhileConsuming_everyAcknowledgedUnpoppedJobSurvives() throws Exception {
        Path data = dir.resolve("data");
        List<String> pushed = new ArrayList<>();
        Queue<String> popped = new ConcurrentLinkedQueue<>();
        AtomicInteger acknowledged = new AtomicInteger();
        try (ServerProcess server = ServerProcess.start(data, dir.resolve("server.log"))) {
            List<Thread> consumers = new ArrayList<>();
            for (int i = 0; i < CONSUMERS; i++) {
                consumers.add(consumer(server.port(), popped));
            }
            Thread killer = new Thread(() -> {
                Await.until("a third of the jobs pushed", acknowledged::get, n -> n >= JOBS / 3);
                try {
                    server.kill9();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            killer.start();
            try (Jedis producer = new Jedis("127.0.0.1", server.port())) {
                for (int i = 0; i < JOBS; i++) {
                    producer.lpush("jobs", "job-" + i);
                    pushed.add("job-" + i);
                    acknowledged.incrementAndGet();
                }
            } catch (JedisException connectionLost) {
                // killed mid-run: pushed holds exactly the acknowledged pushes
            }
            killer.join();
            for (Thread t : consumers) {
                t.join();
            }
        }
        assertThat(pushed).hasSizeGreaterThanOrEqualTo(JOBS / 3);
        try (RunningServer restarted = RunningServer.start(data)) {
            Set<String> remaining = new HashSet<>(restarted.lettuce().lrange("jobs", 0, -1));
            Set<String> consumed = new HashSet<>(popped);
            assertThat(consumed).as("no job delivered twice").hasSameSizeAs(popped);
            assertThat(remaining).as("a delivered job is not in the queue again").doesNotContainAnyElementsOf(consumed);
            List<String> lost = new ArrayList<>();
            for (String job : pushed) {
                if (!consumed.contains(job) && !remaining.contains(job)) {
                    lost.add(job);
                }
            }
            // A pop the server made but whose reply the kill cut off is the only way a job may vanish:
            // at most one in flight per consumer.
            assertThat(lost).as("acknowledged jobs neither delivered nor queued").hasSizeLessThanOrEqualTo(CONSUMERS);
        }
    }
}
