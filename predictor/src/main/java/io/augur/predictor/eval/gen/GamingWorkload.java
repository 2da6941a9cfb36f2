package io.augur.predictor.eval.gen;

import java.util.SplittableRandom;

/**
 * Game sessions: 64 concurrent clients; a client loads a level ({@code level:<l>}) and then that
 * level's assets in the level's fixed order ({@code level:<l>:asset:<n>}, 20-60 per level), then
 * moves to another level (Zipf over levels). Learnable: everything after the level key (a
 * successor table learns each level's asset order; the first asset follows the level key). Not
 * learnable: which level a player picks next.
 */
public final class GamingWorkload implements Workload {

    private static final int CLIENTS = 64;

    @Override
    public void generate(int reads, int keys, SplittableRandom random, Sink sink) {
        int levels = Math.max(1, keys / 40);
        int[] assetCount = new int[levels];
        int[][] order = new int[levels][];
        for (int l = 0; l < levels; l++) {
            assetCount[l] = 20 + random.nextInt(41);
            order[l] = Permutation.of(assetCount[l], random);
        }
        Zipf popularity = new Zipf(levels, 0.8);
        int[] level = new int[CLIENTS];
        int[] position = new int[CLIENTS];
        for (int c = 0; c < CLIENTS; c++) {
            level[c] = popularity.next(random);
            position[c] = -1;
        }
        for (int i = 0; i < reads; i++) {
            int c = random.nextInt(CLIENTS);
            if (position[c] < 0) {
                sink.read(c, "level:" + level[c]);
            } else {
                sink.read(c, "level:" + level[c] + ":asset:" + order[level[c]][position[c]]);
            }
            position[c]++;
            if (position[c] >= assetCount[level[c]]) {
                level[c] = popularity.next(random);
                position[c] = -1;
            }
        }
    }
}
