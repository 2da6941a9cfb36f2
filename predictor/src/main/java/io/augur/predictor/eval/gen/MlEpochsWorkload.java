package io.augur.predictor.eval.gen;

import java.util.SplittableRandom;

/**
 * ML training epochs over a dataset of samples stored in batches of 32 consecutive ids: each epoch
 * visits the batches in a new shuffled order, and the samples inside a batch in order. Learnable:
 * the +1 step inside a batch (a delta table or delta tokens get 31 of every 32 reads). Not
 * learnable: the next batch (a fresh shuffle each epoch), so every 32nd read is a miss.
 */
public final class MlEpochsWorkload implements Workload {

    private static final int BATCH = 32;

    @Override
    public void generate(int reads, int keys, SplittableRandom random, Sink sink) {
        int batches = Math.max(1, keys / BATCH);
        int emitted = 0;
        while (emitted < reads) {
            for (int b : Permutation.of(batches, random)) {
                for (int s = 0; s < BATCH && emitted < reads; s++, emitted++) {
                    sink.read(0, "sample:" + (b * BATCH + s));
                }
                if (emitted >= reads) {
                    break;
                }
            }
        }
    }
}
