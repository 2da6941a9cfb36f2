package io.augur.predictor.eval.gen;

import java.util.SplittableRandom;

/**
 * High-frequency trading: 16 clients; 20 hot symbols whose quotes ({@code quote:<sym>}) are read
 * constantly (Zipf over symbols), and now and then a burst that walks a symbol's order book
 * ({@code book:<sym>:<level>}, levels 0..9 in order). Learnable: the walk down a book once its
 * first level is read (successor and delta). Not learnable: which symbol bursts next.
 */
public final class HftWorkload implements Workload {

    private static final int CLIENTS = 16;
    private static final int HOT = 20;
    private static final int LEVELS = 10;

    @Override
    public void generate(int reads, int keys, SplittableRandom random, Sink sink) {
        int symbols = Math.max(HOT, keys / (LEVELS + 1));
        Zipf hot = new Zipf(HOT, 1.1);
        int emitted = 0;
        while (emitted < reads) {
            int client = random.nextInt(CLIENTS);
            if (random.nextDouble() < 0.15) {
                int symbol = random.nextInt(symbols);
                for (int level = 0; level < LEVELS && emitted < reads; level++, emitted++) {
                    sink.read(client, "book:S" + symbol + ":" + level);
                }
            } else {
                sink.read(client, "quote:S" + hot.next(random));
                emitted++;
            }
        }
    }
}
