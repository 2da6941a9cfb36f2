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
                windowEvents / 2);
    }

    /** Settings that compute without rest (duty cycle 1). */
    public TrainerSettings(long intervalMillis, long minNewEvents, int windowEvents, int vocabularyKeys,
                           int epochs, long budgetMillis, int topK) {
        this(intervalMillis, minNewEvents, windowEvents, vocabularyKeys, epochs, budgetMillis, topK, 1.0);
    }

    public static TrainerSettings defaults() {
        return new TrainerSettings(30_000, 5_000, 50_000, 2_000, 3, 20_000, 2, 0.5);
    }
}
