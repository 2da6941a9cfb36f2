package io.augur.predictor.eval.gen;

import java.util.SplittableRandom;

/**
 * Independent Zipf(α) reads, popularity shuffled over the ids. Learnable: nothing about the order
 * (each read is independent); only popularity, which LRU already exploits. A prefetcher must do
 * no harm here.
 */
public final class ZipfWorkload implements Workload {

    private final double alpha;

    public ZipfWorkload(double alpha) {
        this.alpha = alpha;
    }

    @Override
    public void generate(int reads, int keys, SplittableRandom random, Sink sink) {
        Zipf zipf = new Zipf(keys, alpha);
        int[] idOfRank = Permutation.of(keys, random);
        for (int i = 0; i < reads; i++) {
            sink.read(0, "item:" + idOfRank[zipf.next(random)]);
        }
    }
}
