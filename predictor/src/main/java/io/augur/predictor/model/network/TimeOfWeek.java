package io.augur.predictor.model.network;

/**
 * The model's time inputs: the hour of day and the day of week of a read, each as a point on a
 * circle (sine and cosine), so 23:45 sits next to 00:00 and Sunday next to Monday.
 */
public final class TimeOfWeek {

    /*
     * Times are bucketed into 15-minute slots (UTC) before they become features: the features of a
     * slot are fixed, so the predictor can cache a prediction per (context, slot) and the replay's
     * batched precompute gives the same numbers as a single predict.
     */

    /** Features per time: sin and cos of the hour of day, sin and cos of the day of week. */
    public static final int FEATURES = 4;
    private static final int SLOT_MINUTES = 15;
    private static final int SLOTS_PER_DAY = 24 * 60 / SLOT_MINUTES;
    private static final int MINUTES_PER_DAY = 24 * 60;
    /** 1970-01-01, epoch day 0, was a Thursday: shifting by 3 makes Monday day 0. */
    private static final int EPOCH_DAY_OF_WEEK = 3;

    private TimeOfWeek() {
    }

    /** The 15-minute slot of the week (0 = Monday 00:00 UTC) that a wall-clock time falls in. */
    public static int slot(long epochMillis) {
        long minutes = Math.floorDiv(epochMillis, 60_000L);
        int dayOfWeek = (int) Math.floorMod(Math.floorDiv(minutes, MINUTES_PER_DAY) + EPOCH_DAY_OF_WEEK, 7);
        int slotOfDay = (int) Math.floorMod(minutes, MINUTES_PER_DAY) / SLOT_MINUTES;
        return dayOfWeek * SLOTS_PER_DAY + slotOfDay;
    }

    /** The features of a slot: {sin hour, cos hour, sin day, cos day}. */
    public static float[] features(int slot) {
        double hourAngle = 2 * Math.PI * (slot % SLOTS_PER_DAY) / SLOTS_PER_DAY;
        double dayAngle = 2 * Math.PI * (slot / SLOTS_PER_DAY) / 7.0;
        return new float[]{(float) Math.sin(hourAngle), (float) Math.cos(hourAngle),
                (float) Math.sin(dayAngle), (float) Math.cos(dayAngle)};
    }
}
