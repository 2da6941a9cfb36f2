package io.augur.predictor.vocab;

/**
 * A count-min sketch of key frequencies in fixed memory: estimates never undercount, and
 * overcount only by collisions.
 */
final class FrequencySketch {

    /*
     * Count-min (Cormode and Muthukrishnan, 2005, "An improved data stream summary: the count-min
     * sketch and its applications") with conservative update (Estan and Varghese, 2002): only the
     * counters equal to the minimum are raised, which roughly halves the overcount of rare keys.
     * Four rows indexed from one 64-bit spread hash, as Caffeine's FrequencySketch does; the width
     * is a power of two so a row index is a mask. Counters are ints: a training window is at most
     * a few hundred thousand accesses, so they cannot overflow.
     */

    /** Rows (independent hash functions). */
    private static final int DEPTH = 4;
    /** Counters per row per expected distinct heavy key: keeps collisions of the top keys rare. */
    private static final int COUNTERS_PER_KEY = 16;
    /** Smallest row width, in counters. */
    private static final int MIN_WIDTH = 256;

    private final int[][] rows;
    private final int mask;

    /** A sketch sized to tell apart about {@code heavyKeys} frequent keys. */
    FrequencySketch(int heavyKeys) {
        int width = Integer.highestOneBit(Math.max(MIN_WIDTH, heavyKeys * COUNTERS_PER_KEY - 1)) << 1;
        this.rows = new int[DEPTH][width];
        this.mask = width - 1;
    }

    /** Counts one occurrence of the key with this hash and returns its new estimate. */
    int increment(int hash) {
        long h = spread(hash);
        int min = Integer.MAX_VALUE;
        int[] index = new int[DEPTH];
        for (int r = 0; r < DEPTH; r++) {
            index[r] = (int) (h >>> (r * 16)) & mask;
            min = Math.min(min, rows[r][index[r]]);
        }
        int next = min + 1;
        for (int r = 0; r < DEPTH; r++) {
            if (rows[r][index[r]] < next) {
                rows[r][index[r]] = next;
            }
        }
        return next;
    }

    /** The estimated count of the key with this hash. */
    int estimate(int hash) {
        long h = spread(hash);
        int min = Integer.MAX_VALUE;
        for (int r = 0; r < DEPTH; r++) {
            min = Math.min(min, rows[r][(int) (h >>> (r * 16)) & mask]);
        }
        return min;
    }

    /** Mixes a weak 32-bit hash (Arrays.hashCode) into 64 well-spread bits (SplitMix64 finalizer). */
    private static long spread(int hash) {
        long z = hash * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
