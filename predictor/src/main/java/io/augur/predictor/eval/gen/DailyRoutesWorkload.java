package io.augur.predictor.eval.gen;

import java.util.SplittableRandom;

/**
 * Routes that change with the time of day: each visit is a landing page picked at random, then the
 * page it leads to, and where a landing page leads depends on the shift (four 6-hour shifts a day:
 * the same start page leads to reports in the morning and to the shop at night); 10% of follow-ups
 * are random. Time is implied by position, as in {@link TemporalWorkload}: a week of simulated
 * hours. Learnable: the follow-up, given the landing page and the hour. A time-blind model sees four
 * equally likely follow-ups per landing page and can only spread its bets (or guess the shift from
 * the pairs in its recent context). Not learnable: the landing page.
 */
public final class DailyRoutesWorkload implements Workload {

    /** Shifts per day: each has its own landing page → follow-up mapping. */
    static final int SHIFTS = 4;

    @Override
    public void generate(int reads, int keys, SplittableRandom random, Sink sink) {
        int landings = Math.max(1, keys / 2);
        int[][] routes = new int[SHIFTS][];
        for (int s = 0; s < SHIFTS; s++) {
            routes[s] = Permutation.of(landings, random);
        }
        int perHour = Workload.readsPerHour(reads);
        for (int i = 0; i + 1 < reads; i += 2) {
            int shift = (i / perHour) % 24 / (24 / SHIFTS);
            int landing = random.nextInt(landings);
            int next = random.nextDouble() < 0.9 ? routes[shift][landing] : random.nextInt(landings);
            sink.read(0, "landing:" + landing);
            sink.read(0, "page:" + next);
        }
        if (reads % 2 == 1) {
            sink.read(0, "landing:" + random.nextInt(landings));
        }
    }

    @Override
    public boolean spansAWeek() {
        return true;
    }
}
