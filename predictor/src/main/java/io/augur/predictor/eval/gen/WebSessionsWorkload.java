package io.augur.predictor.eval.gen;

import java.util.SplittableRandom;

/**
 * Web sessions: 200 concurrent clients, each a Markov walk over pages; each page links to 2-5
 * others, one of them strongly (60% of clicks); a session starts on a popular page (Zipf) and ends
 * with 10% chance per click. Learnable: the strong link (a per-client successor table reaches about
 * 60% precision). Not learnable: the weak links and where sessions start.
 */
public final class WebSessionsWorkload implements Workload {

    private static final int CLIENTS = 200;

    @Override
    public void generate(int reads, int keys, SplittableRandom random, Sink sink) {
        int pages = Math.max(2, keys);
        int[][] links = new int[pages][];
        for (int p = 0; p < pages; p++) {
            links[p] = new int[2 + random.nextInt(4)];
            for (int j = 0; j < links[p].length; j++) {
                links[p][j] = random.nextInt(pages);
            }
        }
        Zipf entry = new Zipf(pages, 1.0);
        int[] page = new int[CLIENTS];
        for (int c = 0; c < CLIENTS; c++) {
            page[c] = entry.next(random);
        }
        for (int i = 0; i < reads; i++) {
            int c = random.nextInt(CLIENTS);
            sink.read(c, "page:" + page[c]);
            if (random.nextDouble() < 0.1) {
                page[c] = entry.next(random);
            } else {
                int[] out = links[page[c]];
                page[c] = random.nextDouble() < 0.6 ? out[0] : out[1 + random.nextInt(out.length - 1)];
            }
        }
    }
}
