package io.augur.predictor.model;

import io.augur.predictor.log.AccessEvent;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The interleaved table: successors learned from the whole server's reads, where many users' reads
 * arrive mixed on one connection and nothing says whose read is whose.
 */
class InterleavedPredictorTest {

    /*
     * Sizes as a per-user cache-aside trace has them: a user reads about once per USERS reads (so the
     * window holds its next read or two), and keys (USERS x ROUTES x ROUTE) far outnumber what two
     * windows share by chance.
     */
    private static final int USERS = 128;
    private static final int ROUTES = 32;
    private static final int ROUTE = 6;
    /** Reads in which every user walks every route about six times. */
    private static final int READS = 6 * USERS * ROUTES * ROUTE;
    /** The one connection every user's reads arrive on (a shared connection, as Lettuce keeps). */
    private static final long SHARED = 1;

    private static AccessEvent read(String key) {
        return new AccessEvent(key.getBytes(StandardCharsets.UTF_8), AccessEvent.Op.READ, true, 0, SHARED);
    }

    private static List<String> keys(List<Prediction> predictions) {
        return predictions.stream().map(p -> new String(p.key(), StandardCharsets.UTF_8)).toList();
    }

    /**
     * USERS users each walk their own ROUTES routes of ROUTE keys in turn ("u7-r3-0" .. "u7-r3-5",
     * then route 4), so a key comes back every few thousand reads; each read is a random user's
     * next step, so a user's consecutive reads are about USERS reads apart and the read right after
     * any key is some other user's.
     */
    private static void interleavedRoutes(Predictor predictor, int reads, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] step = new int[USERS];
        for (int i = 0; i < reads; i++) {
            int user = random.nextInt(USERS);
            predictor.observe(read(routeKey(user, step[user])));
            step[user] = (step[user] + 1) % (ROUTES * ROUTE);
        }
    }

    /** The key a user reads at a step of its walk through all its routes. */
    private static String routeKey(int user, int step) {
        return "u" + user + "-r" + step / ROUTE + "-" + step % ROUTE;
    }

    @Test
    void onASharedConnection_namesTheUsersNextKey_whereTheSuccessorTableCannot() {
        InterleavedPredictor interleaved = new InterleavedPredictor();
        SuccessorPredictor successor = new SuccessorPredictor();
        interleavedRoutes(interleaved, READS, 7);
        interleavedRoutes(successor, READS, 7);

        int named = 0;
        int namedBySuccessor = 0;
        for (int user = 0; user < USERS; user++) {
            byte[] key = routeKey(user, 2).getBytes(StandardCharsets.UTF_8);
            String next = routeKey(user, 3);
            if (keys(interleaved.predictAfter(key, 2)).contains(next)) {
                named++;
            }
            if (keys(successor.predictAfter(key, 2)).contains(next)) {
                namedBySuccessor++;
            }
        }
        assertThat(named).as("users whose next key is named").isGreaterThanOrEqualTo(USERS / 2);
        assertThat(namedBySuccessor).as("the same, by the successor table").isLessThan(USERS / 4);
    }

    @Test
    void predict_namesTheKeyAfterTheConnectionsLastRead_withTheChanceItCameTrueWithinTheWindow() {
        InterleavedPredictor interleaved = new InterleavedPredictor();
        interleavedRoutes(interleaved, READS, 11);
        int named = 0;
        for (int user = 0; user < USERS; user++) {
            interleaved.observe(read(routeKey(user, 2)));
            List<Prediction> predicted = interleaved.predict(SHARED, 2);
            if (keys(predicted).contains(routeKey(user, 3))) {
                named++;
            }
            assertThat(predicted).allSatisfy(p -> {
                assertThat(p.source()).isEqualTo(Predictors.INTERLEAVED);
                assertThat(p.probability()).isBetween(0.0, 1.0);
            });
        }
        assertThat(named).isGreaterThanOrEqualTo(USERS / 2);
    }

    @Test
    void onIndependentReads_itNamesNothingItTrusts() {
        InterleavedPredictor interleaved = new InterleavedPredictor();
        SplittableRandom random = new SplittableRandom(3);
        double highest = 0;
        for (int i = 0; i < 100_000; i++) {
            interleaved.observe(read("k" + random.nextInt(2_000)));
            for (Prediction p : interleaved.predict(SHARED, 2)) {
                if (i > 50_000) {
                    highest = Math.max(highest, p.probability());
                }
            }
        }
        // Any two keys share windows by chance here; the calibration learns that they rarely follow.
        assertThat(highest).isLessThan(0.2);
    }

    @Test
    void aKeyInEveryWindow_isNotCountedAsAFollower() {
        InterleavedPredictor interleaved = new InterleavedPredictor();
        SplittableRandom random = new SplittableRandom(5);
        int[] step = new int[USERS];
        for (int i = 0; i < 2 * READS; i++) {
            if (i % 2 == 0) {
                interleaved.observe(read("hot")); // read every other read: it follows everything
                continue;
            }
            int user = random.nextInt(USERS);
            interleaved.observe(read(routeKey(user, step[user])));
            step[user] = (step[user] + 1) % (ROUTES * ROUTE);
        }
        int named = 0;
        for (int user = 0; user < USERS; user++) {
            List<String> after = keys(interleaved.predictAfter(routeKey(user, 1).getBytes(StandardCharsets.UTF_8), 4));
            assertThat(after).doesNotContain("hot");
            named += after.contains(routeKey(user, 2)) ? 1 : 0;
        }
        assertThat(named).isGreaterThanOrEqualTo(USERS / 2);
    }

    @Test
    void aKeyThatFollowedInOneWindowOnly_isNeverCounted_howeverFullTheWindows() {
        InterleavedPredictor interleaved = new InterleavedPredictor();
        for (int round = 0; round < 150; round++) {
            interleaved.observe(read("a"));
            for (int i = 1; i < InterleavedPredictor.WINDOW; i++) {
                interleaved.observe(read("once-" + round + "-" + i)); // each key read once, ever
            }
        }
        // Each window of "a" is full of keys the one before never held: an approximate membership
        // test (a Bloom filter per window) names a few of them every time.
        assertThat(interleaved.predictAfter("a".getBytes(StandardCharsets.UTF_8), 16)).isEmpty();
    }

    @Test
    void keysTracked_stayWithinTheBound() {
        InterleavedPredictor interleaved = new InterleavedPredictor();
        for (int i = 0; i < InterleavedPredictor.MAX_KEYS + 5_000; i++) {
            interleaved.observe(read("once-" + i));
        }
        assertThat(interleaved.trackedKeys()).isEqualTo(InterleavedPredictor.MAX_KEYS);
    }
}
