package io.augur.predictor.eval.gen;

import java.util.SplittableRandom;

/**
 * A daily cycle: the keys fall into 24 groups and each simulated hour one group is hot (80% of the
 * reads, Zipf inside the group), the rest spread over all keys. Time is implied by position: the
 * trace is 7 days of 24 hours, each hour reads/168 consecutive reads. Learnable: which group the
 * recent reads came from (a sequence model sees the shift within a few reads of a new hour), and,
 * with time-of-day features, the group before its first read. Not learnable: the order inside an
 * hour (independent reads).
 */
public final class TemporalWorkload implements Workload {

    @Override
    public void generate(int reads, int keys, SplittableRandom random, Sink sink) {
        int groupSize = Math.max(1, keys / 24);
        Zipf inGroup = new Zipf(groupSize, 0.9);
        int perHour = Workload.readsPerHour(reads);
        for (int i = 0; i < reads; i++) {
            int hourOfDay = (i / perHour) % 24;
            int key = random.nextDouble() < 0.8
                    ? hourOfDay * groupSize + inGroup.next(random)
                    : random.nextInt(groupSize * 24);
            sink.read(0, "content:" + key);
        }
    }

    @Override
    public boolean spansAWeek() {
        return true;
    }
}
