package io.augur.predictor.train;

/**
 * When and how much the online trainer trains.
 *
 * @param intervalMillis  time between training checks
 * @param minNewEvents    accesses that must arrive since the last run before training again
 * @param windowEvents    most recent accesses trained on (the last 10% validate)
 * @param vocabularyKeys  most frequent keys given a token
 * @param epochs          passes over the window per run
 * @param budgetMillis    wall-clock cap of one run's training
 * @param topK            k of the top-k accuracy that decides a swap
 * @param dutyCycle       share of wall time a run may compute (0..1]; it rests the remainder, since
 *                        Java thread priorities do not lower a thread's share of the CPU on Linux
 * @param dayMemoryEvents reads kept from the hours of the day the window no longer covers, trained on
 *                        before the window so every hour's pattern stays learned (0: none)
 */
public record TrainerSettings(long intervalMillis, long minNewEvents, int windowEvents, int vocabularyKeys,
                              int epochs, long budgetMillis, int topK, double dutyCycle, int dayMemoryEvents) {

    /** Default time between training checks, in milliseconds. */
    public static final long DEFAULT_INTERVAL_MILLIS = 30_000;
    /** Default accesses that must arrive between two runs, in events. */
    public static final long DEFAULT_MIN_NEW_EVENTS = 5_000;
    /** Default most recent accesses trained on, in events. */
    public static final int DEFAULT_WINDOW_EVENTS = 50_000;
    /** Default most frequent keys given a token, in keys. */
    public static final int DEFAULT_VOCABULARY_KEYS = 2_000;
    /** Default passes over the window per run. */
    public static final int DEFAULT_EPOCHS = 3;
    /** Default wall-clock cap of one run's training, in milliseconds. */
    public static final long DEFAULT_BUDGET_MILLIS = 20_000;
    /** Default k of the top-k accuracy that decides a swap, in keys. */
    public static final int DEFAULT_TOP_K = 2;
    /** Default share of wall time a run may compute, in (0, 1]. */
    public static final double DEFAULT_DUTY_CYCLE = 0.5;
    /** Duty cycle of a run that never rests. */
    public static final double FULL_DUTY_CYCLE = 1.0;
    /**
     * Reads ahead whose keys the network's second head learns to name (multi-label), in reads.
     * Sixteen, not eight: with a slow origin (a prefetch lands 10 reads after it is issued) only
     * keys read more than 10 reads ahead land in time, and the lookahead table reaches 16 too.
     */
    public static final int AHEAD_READS = 16;
    /** Default day memory, as a share of the window, when a constructor is not given one (0.5: half). */
    public static final double DEFAULT_DAY_MEMORY_SHARE = 0.5;

    public TrainerSettings {
        if (intervalMillis < 1 || minNewEvents < 0 || windowEvents < 1 || vocabularyKeys < 0 || epochs < 1
                || budgetMillis < 1 || topK < 1 || !(dutyCycle > 0 && dutyCycle <= 1) || dayMemoryEvents < 0) {
            throw new IllegalArgumentException("trainer settings: " + this
                    + " (expected: positive interval, window, epochs, budget, top-k; duty cycle in (0, 1];"
                    + " day memory >= 0)");
        }
    }

    /** Settings with a day memory of half the window. */
    public TrainerSettings(long intervalMillis, long minNewEvents, int windowEvents, int vocabularyKeys,
                           int epochs, long budgetMillis, int topK, double dutyCycle) {
        this(intervalMillis, minNewEvents, windowEvents, vocabularyKeys, epochs, budgetMillis, topK, dutyCycle,
                (int) (windowEvents * DEFAULT_DAY_MEMORY_SHARE));
    }

    /** Settings that compute without rest (duty cycle 1). */
    public TrainerSettings(long intervalMillis, long minNewEvents, int windowEvents, int vocabularyKeys,
                           int epochs, long budgetMillis, int topK) {
        this(intervalMillis, minNewEvents, windowEvents, vocabularyKeys, epochs, budgetMillis, topK, FULL_DUTY_CYCLE);
    }

    /** Every setting at its DEFAULT_ constant; the day memory is half the window. */
    public static TrainerSettings defaults() {
        return new TrainerSettings(DEFAULT_INTERVAL_MILLIS, DEFAULT_MIN_NEW_EVENTS, DEFAULT_WINDOW_EVENTS,
                DEFAULT_VOCABULARY_KEYS, DEFAULT_EPOCHS, DEFAULT_BUDGET_MILLIS, DEFAULT_TOP_K, DEFAULT_DUTY_CYCLE);
    }
}
