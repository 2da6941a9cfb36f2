package io.augur.predictor.model;

import io.augur.predictor.log.AccessEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Per-hour key popularity: the keys most read in this hour of the day (UTC) on the days seen so
 * far. A daily pattern — a different set of keys hot each hour — is what it learns; it names the
 * new hour's keys from the previous days before this day's reads reveal them.
 */
public final class HourOfDayPredictor implements Predictor {

    private static final long HOUR_MILLIS = 3_600_000;
    /** Keys counted per hour of the day. */
    private static final int KEYS_PER_HOUR = 256;

    @SuppressWarnings("unchecked")
    private final TopCounts<KeyBytes>[] byHour = new TopCounts[24];
    private long lastTimeMillis;

    public HourOfDayPredictor() {
        for (int h = 0; h < 24; h++) {
            byHour[h] = new TopCounts<>(KEYS_PER_HOUR);
        }
    }

    @Override
    public String name() {
        return Predictors.HOUR_OF_DAY;
    }

    @Override
    public void observe(AccessEvent event) {
        if (event.op() == AccessEvent.Op.READ) {
            byHour[hourOf(event.timeMillis())].add(new KeyBytes(event.key()));
            lastTimeMillis = event.timeMillis();
        }
    }

    @Override
    public List<Prediction> predict(long connectionId, int k) {
        List<Prediction> out = new ArrayList<>(k);
        for (TopCounts.Scored<KeyBytes> s : byHour[hourOf(lastTimeMillis)].top(k)) {
            out.add(new Prediction(s.item().bytes(), s.probability(), 1, name()));
        }
        return out;
    }

    private static int hourOf(long millis) {
        return (int) Math.floorMod(millis / HOUR_MILLIS, 24L);
    }
}
